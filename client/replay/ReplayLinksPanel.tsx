/** The facilitator's replay links: make one (its address shown once, to copy), list and revoke them. */
import { useEffect, useId, useState } from 'react'
import { ErrorAlert } from '../shared/status'
import { createReplayLink, listReplayLinks, type ReplayLink, revokeReplayLink } from './replayApi'

export function ReplayLinksPanel({ exerciseId, token }: { exerciseId: string; token: string }) {
  const titleId = useId()
  const [links, setLinks] = useState<readonly ReplayLink[]>([])
  const [made, setMade] = useState<ReplayLink | null>(null)
  const [copied, setCopied] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    listReplayLinks(exerciseId, token).then(setLinks, (caught: Error) => setError(caught.message))
  }, [exerciseId, token])

  const make = async () => {
    try {
      const link = await createReplayLink(exerciseId, token)
      setMade(link)
      setCopied(false)
      setLinks((all) => [...all, link])
    } catch (caught) {
      setError((caught as Error).message)
    }
  }
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url)
      setCopied(true)
    } catch {
      setError('The browser would not copy: select the address and copy it by hand.')
    }
  }
  const revoke = async (link: ReplayLink) => {
    try {
      await revokeReplayLink(exerciseId, link.id, token)
      setLinks((all) => all.filter((other) => other.id !== link.id))
      if (made?.id === link.id) setMade(null)
    } catch (caught) {
      setError((caught as Error).message)
    }
  }

  return (
    <section className="panel" aria-labelledby={titleId} data-testid="replay-links">
      <div className="panel__head">
        <h2 id={titleId}>Replay links</h2>
        <button type="button" className="button" onClick={make}>
          New replay link
        </button>
      </div>
      <p className="muted">
        A link opens this replay and its report, read-only, to whoever holds it, until you revoke
        it.
      </p>
      <ErrorAlert message={error} onDismiss={() => setError(null)} />
      {made?.url ? (
        <div className="field">
          <label htmlFor={`${titleId}-url`}>New link (shown once)</label>
          <input
            id={`${titleId}-url`}
            className="input mono"
            readOnly
            value={made.url}
            data-testid="replay-link-url"
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" className="button button--quiet" onClick={() => copy(made.url!)}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      ) : null}
      {links.length === 0 ? (
        <p className="empty">No replay links.</p>
      ) : (
        <ul className="feed feed--compact">
          {links.map((link) => (
            <li key={link.id} data-testid="replay-link">
              Made {new Date(link.createdAt).toLocaleString()}{' '}
              <button
                type="button"
                className="button button--quiet"
                onClick={() => revoke(link)}
                aria-label={`Revoke the link made ${new Date(link.createdAt).toLocaleString()}`}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
