/**
 * The twin in the replay: red jams the core site, the clock jumps to T+08:00 and the exercise
 * ends. The replay shows the white cell radio 1 ok before the jamming, degraded with the cursor
 * hours on and failed at the end; telco its own alarms (never ground truth), red its foothold,
 * and the SOC nothing of it, each in the live console's timing chain.
 */
import { expect, test } from '@playwright/test'
import { TWIN_SCENARIO, TWIN_TEAMS } from './constants'
import {
  createExerciseViaApi,
  joinInUi,
  jumpTo,
  launchAttack,
  newPage,
  openConsole,
  openPane,
} from './support'

test.describe.configure({ timeout: 150_000 })

test('the replay shows the timing chain at the moment chosen, as the white cell, telco, red and the SOC saw it', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: replay the jamming', TWIN_SCENARIO)
  const red = await newPage(browser, 1400, 900)
  await joinInUi(red, exercise.joinCodes.red!, 'Riley', TWIN_TEAMS.red)
  await launchAttack(red, 'jam-core', 'Core site receiver 1')
  await launchAttack(red, 'jam-core', 'Core site receiver 2')
  await red.context().close()

  const facilitator = await newPage(browser, 1400, 900)
  await openConsole(facilitator, exercise.id)
  await openPane(facilitator, 'Timing chain')
  await jumpTo(facilitator, 'T+08:00')
  await expect(
    facilitator.getByTestId('timing-chain').getByRole('button', { name: /^Radio site 1: failed/ }),
  ).toBeVisible()
  await facilitator.getByRole('button', { name: 'End exercise…' }).click()
  await facilitator.getByRole('button', { name: 'Yes, end the exercise' }).click()
  await facilitator.getByRole('link', { name: 'Replay', exact: true }).click()

  // The replay opens at the end: ground truth, radio 1 failed, in the graph and the sector board.
  const replay = facilitator.getByTestId('replay')
  const chain = replay.getByTestId('timing-chain')
  await expect(chain.getByRole('heading', { name: 'Timing chain' })).toBeVisible()
  await expect(chain.getByRole('button', { name: /^Radio site 1: failed/ })).toBeVisible()
  const radioRow = chain.getByTestId('sector-board').locator('tr[data-node-id="radio-1"]')
  await expect(radioRow).toHaveAttribute('data-state', 'failed')

  // Before the jamming (red joining), the same radio was ok, and the board says so.
  const joined = replay.getByTestId('replay-entry').filter({ hasText: 'Riley joined' })
  await joined.click()
  await expect(chain.getByRole('button', { name: /^Radio site 1: ok/ })).toBeVisible()
  await expect(radioRow).toHaveAttribute('data-state', 'ok')
  // The node's details, reached from the keyboard as in the live console.
  await chain.getByRole('button', { name: /^Radio site 1: ok/ }).focus()
  await facilitator.keyboard.press('Enter')
  await expect(chain.getByTestId('node-details').getByTestId('node-state')).toHaveAttribute(
    'data-state',
    'ok',
  )

  // The cursor between two events: at T+03:00 radio 1 is in holdover, degraded, not yet failed.
  await replay.getByLabel('Scenario time').fill(String(3 * 3600))
  await expect(replay.getByTestId('replay-scenario-time')).toHaveText(/T\+03:00:00/)
  await expect(chain.getByRole('button', { name: /^Radio site 1: degraded/ })).toBeVisible()
  await expect(radioRow).toHaveAttribute('data-state', 'degraded')
  await joined.click()
  await expect(chain.getByRole('button', { name: /^Radio site 1: ok/ })).toBeVisible()

  // Seen by telco, at the same moment: its monitored nodes without alarm, then in alarm at the
  // end, and never the twin's status.
  await facilitator.getByLabel('Seen by').selectOption({ label: TWIN_TEAMS.telco })
  const telcoView = facilitator.locator('[data-seen-by="telco"]')
  const telcoChain = telcoView.getByTestId('timing-chain')
  await expect(
    telcoChain.getByRole('button', { name: /^Grandmaster 1 \(OCXO\): no alarm/ }),
  ).toBeVisible()
  await replay.getByTestId('replay-entry').last().click()
  await expect(
    telcoChain.getByRole('button', { name: /^Grandmaster 1 \(OCXO\): alarm/ }),
  ).toBeVisible()
  await expect(telcoChain.locator('.chain-node')).toHaveCount(4)
  await expect(telcoChain).not.toContainText('Ground truth')
  expect((await telcoChain.textContent()) ?? '').not.toMatch(/\b(degraded|failed)\b/)

  // Seen by red: its foothold reports (the grandmaster behind a jammed receiver), not the radios.
  await facilitator.getByLabel('Seen by').selectOption({ label: TWIN_TEAMS.red })
  const redChain = facilitator.locator('[data-seen-by="red"]').getByTestId('timing-chain')
  await expect(
    redChain.getByRole('button', { name: /^Grandmaster 1 \(OCXO\): failed/ }),
  ).toBeVisible()
  await expect(redChain.locator('[data-node-id="radio-1"]')).toHaveCount(0)

  // Seen by the SOC: its chain has none of the jammed nodes.
  await facilitator.getByLabel('Seen by').selectOption({ label: TWIN_TEAMS.soc })
  const socChain = facilitator.locator('[data-seen-by="soc"]').getByTestId('timing-chain')
  await expect(socChain.getByRole('heading', { name: 'Timing chain' })).toBeVisible()
  await expect(socChain.locator('.chain-node').first()).toBeVisible()
  await expect(socChain.locator('[data-node-id="radio-1"]')).toHaveCount(0)
  await expect(socChain.locator('[data-node-id="gm-1"]')).toHaveCount(0)
})
