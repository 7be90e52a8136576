/** The launch dialog's parameters: what the catalogue lets red tune, defaults filled in, checked as typed. */
import { useId, useState } from 'react'
import {
  type Tunable,
  type TunableAttack,
  tunableDefault,
  tunableProblem,
  tunablesOf,
} from '../../core/scenario/launchParams'

/** The tuned values as typed, and what is wrong with them. */
export interface AttackParamsState {
  readonly values: Readonly<Record<string, string>>
  readonly problems: Readonly<Record<string, string>>
  setValue(name: string, value: string): void
  /** The parameters that differ from the defaults, or null (problems shown) when one is invalid. */
  check(): Record<string, number> | null
  /** Back to the catalogue's defaults. */
  reset(): void
}

/** Holds the values red types into the launch dialog, starting from the catalogue's defaults. */
export function useAttackParams(attack: TunableAttack): AttackParamsState {
  const defaults = () =>
    Object.fromEntries(
      tunablesOf(attack).map(([name]) => [name, String(tunableDefault(attack, name) ?? '')]),
    )
  const [values, setValues] = useState<Record<string, string>>(defaults)
  const [problems, setProblems] = useState<Record<string, string>>({})
  return {
    values,
    problems,
    setValue: (name, value) => {
      setValues((current) => ({ ...current, [name]: value }))
      setProblems((current) => {
        const { [name]: _gone, ...rest } = current
        return rest
      })
    },
    reset: () => {
      setValues(defaults())
      setProblems({})
    },
    check: () => {
      const found: Record<string, string> = {}
      const params: Record<string, number> = {}
      for (const [name, tunable] of tunablesOf(attack)) {
        const text = values[name]?.trim() ?? ''
        const value = text === '' ? Number.NaN : Number(text)
        const problem = tunableProblem(name, tunable, value)
        if (problem) found[name] = `${tunable.min} to ${tunable.max} ${tunable.unit}, please.`
        else if (value !== tunableDefault(attack, name)) params[name] = value
      }
      setProblems(found)
      return Object.keys(found).length > 0 ? null : params
    },
  }
}

/** The parameter fields: one number input per tunable, with its unit, bounds and any problem. */
export function AttackParamsFields({
  attack,
  params,
  disabled,
}: {
  attack: TunableAttack
  params: AttackParamsState
  disabled: boolean
}) {
  const id = useId()
  const tunables = tunablesOf(attack)
  if (tunables.length === 0) return null
  return (
    <fieldset className="attack__params" data-testid="attack-params">
      <legend>Parameters</legend>
      {tunables.map(([name, tunable]) => (
        <ParamField
          key={name}
          id={`${id}-${name}`}
          name={name}
          tunable={tunable}
          value={params.values[name] ?? ''}
          problem={params.problems[name]}
          onChange={(value) => params.setValue(name, value)}
          disabled={disabled}
        />
      ))}
    </fieldset>
  )
}

function ParamField({
  id,
  name,
  tunable,
  value,
  problem,
  onChange,
  disabled,
}: {
  id: string
  name: string
  tunable: Tunable
  value: string
  problem: string | undefined
  onChange: (value: string) => void
  disabled: boolean
}) {
  return (
    <div className="field" data-param={name}>
      <label htmlFor={id}>
        {tunable.label} ({tunable.unit})
      </label>
      <input
        id={id}
        className="input input--short"
        type="number"
        inputMode="decimal"
        min={tunable.min}
        max={tunable.max}
        step={tunable.step ?? 'any'}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-range${problem ? ` ${id}-error` : ''}`}
      />
      <span id={`${id}-range`} className="field__hint">
        {tunable.min} to {tunable.max} {tunable.unit}
      </span>
      {problem ? (
        <span id={`${id}-error`} className="form__error" role="alert">
          {problem}
        </span>
      ) : null}
    </div>
  )
}
