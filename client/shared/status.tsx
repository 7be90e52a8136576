/** How the app tells people where things stand: the connection badge and error alerts. */
import type { ConnectionStatus } from './ExerciseConnection'

const LABELS: Record<ConnectionStatus['state'], { symbol: string; text: string }> = {
  connecting: { symbol: '…', text: 'Connecting' },
  connected: { symbol: '●', text: 'Connected' },
  reconnecting: { symbol: '↻', text: 'Reconnecting' },
  refused: { symbol: '✕', text: 'Not connected' },
  closed: { symbol: '○', text: 'Disconnected' },
}

/** The connection's state in words (and a symbol), announced politely when it changes. */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const label = LABELS[status.state]
  return (
    <span
      role="status"
      className={`connection connection--${status.state}`}
      data-testid="connection-status"
      data-state={status.state}
      title={'reason' in status ? status.reason : undefined}
    >
      <span aria-hidden="true" className="connection__symbol">
        {label.symbol}
      </span>{' '}
      {label.text}
      {status.state === 'reconnecting' ? (
        <span className="visually-hidden">: {status.reason}</span>
      ) : null}
    </span>
  )
}

/** An error the person should act on, announced at once; with a dismiss button when given one. */
export function ErrorAlert({
  message,
  onDismiss,
  testId,
}: {
  message: string | null
  onDismiss?: () => void
  testId?: string
}) {
  // The live region stays in the page so that a message put into it is announced.
  return (
    <div role="alert" className={message ? 'alert alert--error' : 'alert'} data-testid={testId}>
      {message ? (
        <>
          <span className="alert__text">
            <span aria-hidden="true">⚠ </span>
            {message}
          </span>
          {onDismiss ? (
            <button type="button" className="button button--quiet" onClick={onDismiss}>
              Dismiss
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  )
}
