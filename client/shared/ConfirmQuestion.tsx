import type { ReactNode } from 'react'
import { useEffect, useId, useRef } from 'react'

/**
 * The question before a step that cannot be undone (ending, jumping, deleting), with the focus
 * on its first answer. Without `yes` it only tells why the step cannot be taken, and closes.
 */
export function ConfirmQuestion({
  question,
  yes,
  onYes,
  onCancel,
}: {
  question: ReactNode
  /** The "Yes" button's text; null when the answer can only be to close. */
  yes: string | null
  onYes: () => void
  onCancel: () => void
}) {
  const id = useId()
  const first = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    first.current?.focus()
  }, [])
  return (
    <fieldset className="confirm" aria-labelledby={`${id}-question`}>
      <p id={`${id}-question`}>{question}</p>
      {yes === null ? null : (
        <button ref={first} type="button" className="button button--danger" onClick={onYes}>
          {yes}
        </button>
      )}{' '}
      <button
        ref={yes === null ? first : undefined}
        type="button"
        className="button"
        onClick={onCancel}
      >
        {yes === null ? 'Close' : 'Cancel'}
      </button>
    </fieldset>
  )
}
