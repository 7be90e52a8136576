import { ErrorAlert } from './status'

/** A console's notices under its head: the refused command's alert, and a banner once it ended. */
export function ConsoleNotices({
  error,
  onDismiss,
  ended,
  endedText,
}: {
  error: string | null
  onDismiss: () => void
  ended: boolean
  /** What the banner says once the exercise has ended. */
  endedText: string
}) {
  return (
    <>
      <div className="toast-region">
        <ErrorAlert message={error} onDismiss={onDismiss} testId="command-error" />
      </div>
      {ended ? (
        <p className="banner" role="status">
          {endedText}
        </p>
      ) : null}
    </>
  )
}
