import type { ReactNode, RefObject } from 'react'
import { useEffect, useId, useRef, useState } from 'react'

/** What a `ConfirmStep` hands the button that asks: its ref (focus comes back to it) and how to ask. */
export interface ConfirmTrigger {
  ref: RefObject<HTMLButtonElement | null>
  /** The target picked, or '' when there is none to pick. */
  target: string
  ask: () => void
}

/**
 * A command taken in two steps: a target picker when there are targets, a button that asks, and a
 * question whose "Yes" runs the command. Focus follows the step.
 */
export function ConfirmStep({
  targets,
  labelOf,
  pickerClassName,
  confirmClassName,
  confirmButtonClassName,
  confirmLabel,
  question,
  disabled,
  onConfirm,
  trigger,
}: {
  /** The nodes to pick from; none, no picker. */
  targets: readonly string[]
  labelOf: (nodeId: string) => string
  pickerClassName: string
  confirmClassName: string
  confirmButtonClassName: string
  confirmLabel: string
  /** The question, about the target picked. */
  question: (target: string) => ReactNode
  disabled: boolean
  onConfirm: (target: string) => Promise<unknown>
  trigger: (trigger: ConfirmTrigger) => ReactNode
}) {
  const id = useId()
  const [target, setTarget] = useState(targets[0] ?? '')
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const confirmRef = useRef<HTMLButtonElement>(null)
  const triggerRef = useRef<HTMLButtonElement>(null)
  const wasConfirming = useRef(false)

  // Focus follows the step: to "Yes" when asked, back to the button when the question goes away.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus()
    else if (wasConfirming.current) triggerRef.current?.focus()
    wasConfirming.current = confirming
  }, [confirming])

  const confirm = async () => {
    setBusy(true)
    await onConfirm(target)
    setBusy(false)
    setConfirming(false)
  }

  return (
    <>
      {targets.length > 0 ? (
        <div className={pickerClassName}>
          <label htmlFor={`${id}-target`}>Target</label>
          <select
            id={`${id}-target`}
            className="input"
            value={target}
            disabled={confirming}
            onChange={(event) => setTarget(event.target.value)}
          >
            {targets.map((nodeId) => (
              <option key={nodeId} value={nodeId}>
                {labelOf(nodeId)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {confirming ? (
        <fieldset className={confirmClassName} aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{question(target)}</p>
          <button
            ref={confirmRef}
            type="button"
            className={confirmButtonClassName}
            onClick={confirm}
            disabled={disabled || busy}
          >
            {confirmLabel}
          </button>{' '}
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </fieldset>
      ) : (
        trigger({ ref: triggerRef, target, ask: () => setConfirming(true) })
      )}
    </>
  )
}
