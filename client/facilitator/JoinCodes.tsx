import { useState } from 'react'
import { paths } from '../routes'
import { sideLabel } from '../shared/labels'

/** Each team's join code and full join link, with buttons that copy them. */
export function JoinCodes({
  teams,
  joinCodes,
}: {
  teams: readonly { id: string; name: string; side: string }[]
  joinCodes: Readonly<Record<string, string>>
}) {
  const [copied, setCopied] = useState('')

  const copy = async (text: string, what: string) => {
    setCopied(
      (await copyText(text))
        ? `${what} copied.`
        : `Could not copy; select the ${what.toLowerCase()} and copy it by hand.`,
    )
  }

  return (
    <div className="join-codes">
      <ul className="join-codes__list" data-testid="join-codes">
        {teams.map((team) => {
          const code = joinCodes[team.id]
          if (!code) return null
          const link = `${window.location.origin}${paths.join(code)}`
          return (
            <li key={team.id} className="join-codes__team" data-team-id={team.id}>
              <p className="join-codes__name">
                {team.name} <span className="muted">({sideLabel(team.side)})</span>
              </p>
              <p className="join-codes__line">
                <span className="join-codes__what">Code</span>
                <code className="join-code" data-testid={`join-code-${team.id}`}>
                  {code}
                </code>
                <button
                  type="button"
                  className="button button--quiet"
                  aria-label={`Copy ${team.name} code`}
                  onClick={() => copy(code, `${team.name} code`)}
                >
                  Copy
                </button>
              </p>
              <p className="join-codes__line">
                <span className="join-codes__what">Link</span>
                <code className="join-link" data-testid={`join-link-${team.id}`}>
                  {link}
                </code>
                <button
                  type="button"
                  className="button button--quiet"
                  aria-label={`Copy ${team.name} link`}
                  onClick={() => copy(link, `${team.name} link`)}
                >
                  Copy
                </button>
              </p>
            </li>
          )
        })}
      </ul>
      <p role="status" className="muted">
        {copied}
      </p>
    </div>
  )
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // No clipboard permission (or an insecure origin): fall back to a selection copy.
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.append(area)
    area.select()
    const done = document.execCommand('copy')
    area.remove()
    return done
  }
}
