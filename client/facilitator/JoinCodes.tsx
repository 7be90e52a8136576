import { useState } from 'react'
import { paths } from '../routes'
import { ConfirmStep } from '../shared/ConfirmStep'
import { sideLabel } from '../shared/labels'
import { usePublicOrigin } from '../shared/usePublicOrigin'

/**
 * Each team's join code and full join link (on the public address when the server has one), with
 * buttons that copy them and, when `onRotate` is given, a confirmed replacement of the code.
 */
export function JoinCodes({
  teams,
  joinCodes,
  onRotate,
  rotateDisabled = false,
}: {
  teams: readonly { id: string; name: string; side: string }[]
  joinCodes: Readonly<Record<string, string>>
  /** Replaces a team's code: the old one stops working at once. */
  onRotate?: (teamId: string) => Promise<unknown>
  rotateDisabled?: boolean
}) {
  const [copied, setCopied] = useState('')
  const origin = usePublicOrigin()

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
          const link = `${origin}${paths.join(code)}`
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
              {onRotate ? (
                <div className="join-codes__line">
                  <ConfirmStep
                    targets={[]}
                    labelOf={() => team.name}
                    pickerClassName="field"
                    confirmClassName="confirm"
                    confirmButtonClassName="button button--danger"
                    confirmLabel="Yes, new code"
                    question={() => (
                      <>
                        Give {team.name} a new join code? {code} stops working at once; who has
                        joined stays in.
                      </>
                    )}
                    disabled={rotateDisabled}
                    onConfirm={() => onRotate(team.id)}
                    trigger={({ ref, ask }) => (
                      <button
                        ref={ref}
                        type="button"
                        className="button button--small"
                        disabled={rotateDisabled}
                        aria-label={`New code for ${team.name}`}
                        onClick={ask}
                      >
                        New code…
                      </button>
                    )}
                  />
                </div>
              ) : null}
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
