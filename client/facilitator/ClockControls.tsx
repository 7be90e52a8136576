import type { FormEvent } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import type { CommandInput } from '../../core/protocol'
import type { ExerciseState } from '../../core/protocol/state'
import { MAX_SPEED, MIN_SPEED } from '../../core/vocabulary/constants'
import { formatScenarioTime, parseScenarioTime } from '../../core/vocabulary/scenarioTime'
import { ConfirmQuestion } from '../shared/ConfirmQuestion'
import { formatSpeed, ScenarioClock } from '../shared/ScenarioClock'

const PRESET_SPEEDS = [1, 10, 60, 600, 3600] as const

/**
 * The scenario clock with its controls: start/pause, speed, jump, end. A jump and the end cannot
 * be undone, so each asks first.
 */
export function ClockControls({
  state,
  clockOffsetMs,
  disabled,
  run,
}: {
  state: ExerciseState
  clockOffsetMs: number
  /** True while not connected: every control waits. */
  disabled: boolean
  run: (command: CommandInput) => Promise<boolean>
}) {
  const id = useId()
  const { clock, ended } = state
  const off = disabled || ended
  const started = clock.started
  const [customSpeed, setCustomSpeed] = useState('')
  const [jumpTo, setJumpTo] = useState('')
  const [formError, setFormError] = useState<{ form: 'speed' | 'jump'; message: string } | null>(
    null,
  )
  const [confirmingEnd, setConfirmingEnd] = useState(false)
  const [pendingJumpT, setPendingJumpT] = useState<number | null>(null)
  // Once a question goes away, the focus goes back to the button that asked it.
  const jumpButton = useRef<HTMLButtonElement>(null)
  const endButton = useRef<HTMLButtonElement>(null)
  const asked = useRef<'jump' | 'end' | null>(null)
  useEffect(() => {
    if (pendingJumpT !== null) asked.current = 'jump'
    else if (confirmingEnd) asked.current = 'end'
    else {
      if (asked.current === 'jump') jumpButton.current?.focus()
      if (asked.current === 'end') endButton.current?.focus()
      asked.current = null
    }
  }, [pendingJumpT, confirmingEnd])

  const setSpeed = async (event: FormEvent) => {
    event.preventDefault()
    const speed = Number(customSpeed)
    if (!customSpeed.trim() || !Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
      setFormError({ form: 'speed', message: `A speed from ${MIN_SPEED} to ${MAX_SPEED}.` })
      return
    }
    setFormError(null)
    if (await run({ type: 'clock.setSpeed', speed })) setCustomSpeed('')
  }

  const jump = async (event: FormEvent) => {
    event.preventDefault()
    const typed = jumpTo.trim().toUpperCase()
    const t = parseScenarioTime(typed.startsWith('T+') ? typed : `T+${typed}`)
    if (t === null) {
      setFormError({ form: 'jump', message: 'A scenario time such as T+00:45 or T+01:30:15.' })
      return
    }
    setFormError(null)
    setPendingJumpT(t)
  }

  const confirmJump = async () => {
    const t = pendingJumpT
    setPendingJumpT(null)
    if (t !== null && (await run({ type: 'clock.jump', t }))) setJumpTo('')
  }

  const end = async () => {
    setConfirmingEnd(false)
    await run({ type: 'exercise.end' })
  }

  const errorFor = (form: 'speed' | 'jump') =>
    formError?.form === form ? (
      <p id={`${id}-${form}-error`} className="form__error" role="alert">
        {formError.message}
      </p>
    ) : null

  return (
    <section className="panel clock-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        Scenario clock
      </h2>
      <ScenarioClock clock={clock} ended={ended} clockOffsetMs={clockOffsetMs} size="compact" />
      <div className="clock-panel__controls">
        <button
          type="button"
          className="button button--primary"
          disabled={off}
          onClick={() => run({ type: clock.running ? 'clock.pause' : 'clock.start' })}
        >
          {clock.running ? 'Pause clock' : started ? 'Resume clock' : 'Start clock'}
        </button>

        <fieldset className="speed-group" disabled={off}>
          <legend>Speed</legend>
          {PRESET_SPEEDS.map((speed) => (
            <button
              key={speed}
              type="button"
              className="button button--toggle"
              aria-pressed={clock.speed === speed}
              onClick={() => run({ type: 'clock.setSpeed', speed })}
            >
              {formatSpeed(speed)}×
            </button>
          ))}
        </fieldset>

        <form className="form form--inline" onSubmit={setSpeed} noValidate>
          <div className="field">
            <label htmlFor={`${id}-speed`}>
              Custom speed ({MIN_SPEED}–{MAX_SPEED})
            </label>
            <input
              id={`${id}-speed`}
              className="input input--short"
              type="number"
              min={MIN_SPEED}
              max={MAX_SPEED}
              step="any"
              inputMode="decimal"
              value={customSpeed}
              onChange={(event) => setCustomSpeed(event.target.value)}
              disabled={off}
              aria-invalid={formError?.form === 'speed' || undefined}
              aria-describedby={formError?.form === 'speed' ? `${id}-speed-error` : undefined}
            />
          </div>
          <button type="submit" className="button" disabled={off}>
            Set speed
          </button>
          {errorFor('speed')}
        </form>

        {pendingJumpT !== null ? (
          <ConfirmQuestion
            question={`Jump to ${formatScenarioTime(pendingJumpT)}? Scenario time only moves forward: everything due before then happens at once, and the jump cannot be undone.`}
            yes={`Yes, jump to ${formatScenarioTime(pendingJumpT)}`}
            onYes={confirmJump}
            onCancel={() => setPendingJumpT(null)}
          />
        ) : (
          <form className="form form--inline" onSubmit={jump} noValidate>
            <div className="field">
              <label htmlFor={`${id}-jump`}>Jump to (T+hh:mm)</label>
              <input
                id={`${id}-jump`}
                className="input input--short mono"
                placeholder="T+00:30"
                value={jumpTo}
                onChange={(event) => setJumpTo(event.target.value)}
                disabled={off}
                spellCheck={false}
                aria-invalid={formError?.form === 'jump' || undefined}
                aria-describedby={formError?.form === 'jump' ? `${id}-jump-error` : undefined}
              />
            </div>
            <button ref={jumpButton} type="submit" className="button" disabled={off}>
              Jump
            </button>
            {errorFor('jump')}
          </form>
        )}

        <div className="end-exercise">
          {confirmingEnd ? (
            <ConfirmQuestion
              question="End the exercise for everyone? The clock stops for good and nothing more can happen."
              yes="Yes, end the exercise"
              onYes={end}
              onCancel={() => setConfirmingEnd(false)}
            />
          ) : (
            <button
              type="button"
              className="button button--danger-outline"
              disabled={off}
              ref={endButton}
              onClick={() => setConfirmingEnd(true)}
            >
              End exercise…
            </button>
          )}
        </div>
      </div>
    </section>
  )
}
