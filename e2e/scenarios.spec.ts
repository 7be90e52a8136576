/** Every shipped scenario runs in the browser: a blue team receives exactly what the engine schedules. */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { LocalExercise } from '../core/engine/LocalExercise'
import { parseScenario } from '../core/scenario/parseScenario'
import { formatScenarioTime } from '../core/vocabulary/scenarioTime'
import { E2E_ADMIN_TOKEN } from './constants'
import { joinInUi, jumpTo, openConsole } from './support'

const files = readdirSync('scenarios').filter(
  (name) => /\.ya?ml$/.test(name) && !name.startsWith('drill'),
)

for (const name of files) {
  const parsed = parseScenario(readFileSync(path.join('scenarios', name), 'utf8'), name)
  if (!parsed.ok) throw new Error(`${name} does not parse`)
  const scenario = parsed.scenario

  test(`${scenario.id} runs to its end in the browser with nobody answering`, async ({
    browser,
    request,
  }) => {
    const blue = scenario.teams.find((team) => team.side === 'blue')!
    // What the engine schedules for that team when nobody answers: the reference.
    const reference = new LocalExercise(scenario, 0)
    reference.execute({ type: 'clock.jump', t: scenario.duration }, 0)
    const expected = reference.log.filter(
      (e) => e.type === 'inject.delivered' && e.teamId === blue.id,
    ).length
    expect(expected).toBeGreaterThan(0)

    const created = await request.post('/api/exercises', {
      headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
      data: { scenarioId: scenario.id },
    })
    expect(created.status()).toBe(201)
    const exercise = (await created.json()) as { id: string; joinCodes: Record<string, string> }
    const participant = await (await browser.newContext()).newPage()
    const facilitator = await (await browser.newContext()).newPage()
    await joinInUi(participant, exercise.joinCodes[blue.id]!, 'Runner', blue.name)
    await openConsole(facilitator, exercise.id)

    const end = formatScenarioTime(scenario.duration).slice(0, -3) // T+hh:mm
    await jumpTo(facilitator, end)
    await expect(participant.getByTestId('inject')).toHaveCount(expected)
    await expect(participant.getByTestId('connection-status')).toHaveAttribute(
      'data-state',
      'connected',
    )
  })
}
