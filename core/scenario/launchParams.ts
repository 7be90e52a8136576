/**
 * What red may tune when it launches an attack: the parameters its catalogue entry declares,
 * within their bounds. Free of zod, so the red console checks a launch with the same rule as
 * the server.
 */

/** One parameter red may tune: its label and unit for people, and the bounds it must keep. */
export interface Tunable {
  readonly label: string
  readonly unit: string
  readonly min: number
  readonly max: number
  /** The granularity the console offers (any value in bounds is accepted). */
  readonly step?: number | undefined
}

/** What the check needs of a catalogue entry. */
export interface TunableAttack {
  readonly id: string
  /** Absent for a foothold, which moves nothing of the twin. */
  readonly effect?: object | undefined
  /** Absent in exercises recorded before catalogues declared tunables: nothing to tune. */
  readonly tunable?: Readonly<Record<string, Tunable>> | undefined
}

export type LaunchParams =
  | { readonly ok: true; readonly params: Record<string, number> }
  | { readonly ok: false; readonly message: string }

/** The parameter's value when red does not tune it: the one written in the catalogue. */
export function tunableDefault(attack: TunableAttack, name: string): number | undefined {
  const value =
    attack.effect && Object.hasOwn(attack.effect, name)
      ? (attack.effect as Record<string, unknown>)[name]
      : undefined
  return typeof value === 'number' ? value : undefined
}

/** The tunable parameters of an attack, in its catalogue's order. */
export function tunablesOf(attack: TunableAttack): [string, Tunable][] {
  return Object.entries(attack.tunable ?? {})
}

/** The declared tunable `name` of an attack, if it has one of its own. */
export function tunableOf(attack: TunableAttack, name: string): Tunable | undefined {
  const tunable = attack.tunable ?? {}
  return Object.hasOwn(tunable, name) ? tunable[name] : undefined
}

/** "offsetS (Shift, 1 to 900 s)": a parameter as the refusals name it. */
export function describeTunable(name: string, tunable: Tunable): string {
  return `${name} (${tunable.label}, ${tunable.min} to ${tunable.max} ${tunable.unit})`
}

/** What may be tuned, in words, for a refusal. */
export function describeTunables(attack: TunableAttack): string {
  const tunables = tunablesOf(attack)
  if (tunables.length === 0) return 'this attack has no parameters to tune'
  return `you may tune ${tunables.map(([name, tunable]) => describeTunable(name, tunable)).join(', ')}`
}

/** The problem with one tuned value, or null when it is within bounds. */
export function tunableProblem(name: string, tunable: Tunable, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${tunable.label} (${name}) takes a number of ${tunable.unit}, not ${JSON.stringify(value)}`
  }
  if (value < tunable.min || value > tunable.max) {
    return `${tunable.label} (${name}) must be from ${tunable.min} to ${tunable.max} ${tunable.unit}, not ${value}`
  }
  return null
}

/** Checks red's launch parameters against what the catalogue lets it tune. */
export function checkLaunchParams(
  attack: TunableAttack,
  params: Readonly<Record<string, unknown>>,
): LaunchParams {
  const checked: Record<string, number> = Object.create(null)
  for (const name of Object.keys(params)) {
    const tunable = tunableOf(attack, name)
    if (!tunable) {
      return { ok: false, message: `'${name}' cannot be tuned; ${describeTunables(attack)}.` }
    }
    const problem = tunableProblem(name, tunable, params[name])
    if (problem) return { ok: false, message: `${problem}.` }
    checked[name] = params[name] as number
  }
  return { ok: true, params: checked }
}

/** "Shift 300 s": what red tuned, in words, for the launch lists and the question. */
export function describeTuned(
  attack: TunableAttack | undefined,
  params: Readonly<Record<string, number>>,
): string {
  return Object.entries(params)
    .map(([name, value]) => {
      const tunable = attack && tunableOf(attack, name)
      return tunable ? `${tunable.label} ${value} ${tunable.unit}` : `${name} ${value}`
    })
    .join(', ')
}
