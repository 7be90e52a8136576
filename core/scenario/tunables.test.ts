import { describe, expect, it } from 'vitest'
import { exampleChain } from '../twin/exampleChain'
import { scenarioSchema } from './schema'

function withAttack(attack: Record<string, unknown>) {
  return scenarioSchema.safeParse({
    id: 'test',
    title: 'Test',
    summary: 'For tests.',
    duration: 'T+01:00',
    sources: ['none'],
    teams: ['red', 'lab', 'telco', 'grid-ops', 'soc', 'trading'].map((id) => ({
      id,
      name: id,
      side: id === 'red' ? 'red' : 'blue',
    })),
    chain: exampleChain,
    attacks: [{ id: 'spoof', label: 'Spoof', targets: ['rcv-grid'], ...attack }],
  })
}

const problems = (result: ReturnType<typeof withAttack>) =>
  result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)

const spoofing = { kind: 'gnss-spoofing', rateNsPerS: 10, maxOffsetNs: 150_000 }

describe("an attack's tunable parameters", () => {
  it('accepts bounds around the default, in the units the effect takes', () => {
    const result = withAttack({
      effect: spoofing,
      tunable: { rateNsPerS: { label: 'Time push', unit: 'ns/s', min: 1, max: 1000 } },
    })
    expect(problems(result)).toEqual([])
    expect(result.data?.attacks[0]?.tunable.rateNsPerS?.max).toBe(1000)
  })

  it('defaults to nothing tunable', () => {
    expect(withAttack({ effect: spoofing }).data?.attacks[0]?.tunable).toEqual({})
  })

  it('refuses a field the effect does not state, the kind or target, and an inherited name', () => {
    const tunable = { label: 'X', unit: 's', min: 0, max: 1 }
    for (const name of ['durationS', 'kind', 'target']) {
      expect(problems(withAttack({ effect: spoofing, tunable: { [name]: tunable } }))).toEqual([
        expect.stringMatching(new RegExp(`^attacks.0.tunable.${name}: a numeric field`)),
      ])
    }
    expect(problems(withAttack({ effect: spoofing, tunable: { __proto__x: tunable } }))).toEqual([
      expect.stringContaining('attacks.0.tunable.__proto__x'),
    ])
  })

  it('refuses bounds that leave out the default or that the effect rejects', () => {
    expect(
      problems(
        withAttack({
          effect: spoofing,
          tunable: { rateNsPerS: { label: 'Push', unit: 'ns/s', min: 100, max: 1000 } },
        }),
      ),
    ).toEqual([expect.stringContaining('bounds that hold the default 10')])
    expect(
      problems(
        withAttack({
          effect: spoofing,
          tunable: { maxOffsetNs: { label: 'Ceiling', unit: 'ns', min: 0, max: 1e6 } },
        }),
      ),
    ).toEqual([expect.stringContaining('bounds the effect accepts (0 is not')])
    expect(
      problems(
        withAttack({
          effect: spoofing,
          tunable: { rateNsPerS: { label: 'Push', unit: 'ns/s', min: 10, max: 10 } },
        }),
      ),
    ).toEqual([expect.stringContaining('min below max')])
  })
})
