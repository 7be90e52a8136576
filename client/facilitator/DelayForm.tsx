import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import type { CommandInput } from '../../core/protocol'
import type { Inject } from '../../core/scenario/schema'

const MAX_MINUTES = 366 * 24 * 60

/** A small inline form: move a pending inject later by a number of scenario minutes. */
export function DelayForm({
  inject,
  disabled,
  run,
  onDone,
}: {
  inject: Inject
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
  /** Called after a successful delay, and on Cancel. */
  onDone: () => void
}) {
  const id = useId()
  const [minutes, setMinutes] = useState('5')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const value = Number(minutes)
    if (!minutes.trim() || !Number.isFinite(value) || value <= 0 || value > MAX_MINUTES) {
      setProblem('A number of minutes above 0, such as 5 or 2.5.')
      return
    }
    setProblem(null)
    setBusy(true)
    const ok = await run({ type: 'inject.delay', injectId: inject.id, by: Math.round(value * 60) })
    setBusy(false)
    if (ok) onDone()
  }

  return (
    <form
      className="form form--inline delay-form"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone()
      }}
      noValidate
      aria-label={`Delay ${inject.title}`}
    >
      <div className="field">
        <label htmlFor={`${id}-minutes`}>Delay by (minutes)</label>
        <input
          id={`${id}-minutes`}
          className="input input--tiny"
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
          // biome-ignore lint/a11y/noAutofocus: the form opens on request; typing goes here.
          autoFocus
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
        />
      </div>
      <button type="submit" className="button button--small" disabled={disabled || busy}>
        Delay
      </button>
      <button type="button" className="button button--small button--quiet" onClick={onDone}>
        Cancel
      </button>
      {problem ? (
        <p id={`${id}-error`} className="form__error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  )
}
