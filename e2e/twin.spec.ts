/**
 * The timing chain in the browser: red jams the core site, the facilitator sees the radios fail
 * in ground truth, red only its foothold, telco only its own alarms, the SOC nothing of it.
 */
import type { Browser, Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { TWIN_SCENARIO, TWIN_TEAMS } from './constants'
import {
  createExerciseViaApi,
  joinInUi,
  jumpTo,
  launchAttack,
  openConsole,
  openPane,
} from './support'

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  return context.newPage()
}

test('red jams the core site: the facilitator sees the radios fail, telco its alarms, the SOC nothing', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: jam the core site', TWIN_SCENARIO)
  const facilitator = await newPage(browser)
  const red = await newPage(browser)
  const telco = await newPage(browser)
  const soc = await newPage(browser)
  await joinInUi(red, exercise.joinCodes.red!, 'Riley', TWIN_TEAMS.red)
  await joinInUi(telco, exercise.joinCodes.telco!, 'Tess', TWIN_TEAMS.telco)
  await joinInUi(soc, exercise.joinCodes.soc!, 'Sam', TWIN_TEAMS.soc)

  // Red's catalogue: techniques and targets, each launch confirmed.
  const jam = red.getByTestId('attacks').locator('[data-attack-id="jam-core"]')
  await expect(jam).toContainText('Jam the core site')
  await expect(jam).toContainText('T0814')
  await launchAttack(red, 'jam-core', 'Core site receiver 1')
  await launchAttack(red, 'jam-core', 'Core site receiver 2')
  await expect(jam.getByTestId('attack-launched').locator('li')).toHaveCount(2)

  await openConsole(facilitator, exercise.id)
  await openPane(facilitator, 'Timing chain')
  const chain = facilitator.getByTestId('timing-chain')
  await expect(chain.getByTestId('attacks-launched').locator('li')).toHaveCount(2)
  await jumpTo(facilitator, 'T+08:00')

  // Ground truth: radio 1 has failed; the graph says so in words, not only in colour.
  const radio = chain.getByRole('button', { name: /^Radio site 1: failed/ })
  await expect(radio).toBeVisible()
  await radio.click()
  await expect(radio).toHaveAttribute('aria-pressed', 'true')
  const details = chain.getByTestId('node-details')
  await expect(details.getByRole('heading', { name: 'Radio site 1' })).toBeVisible()
  await expect(details.getByTestId('node-state')).toHaveAttribute('data-state', 'failed')
  await expect(details).toContainText('Tolerance')
  const plot = chain.getByTestId('time-error-plot')
  await expect(plot).toHaveAttribute('data-node-ids', 'radio-1')
  await expect(plot.locator('canvas')).toBeVisible()
  await expect(chain.getByTestId('plot-summary')).toContainText('Radio site 1')

  // The sector board: radio 1 out of tolerance for some hours by T+08:00.
  const row = chain.getByTestId('sector-board').locator('tr[data-node-id="radio-1"]')
  await expect(row).toHaveAttribute('data-state', 'failed')
  const seconds = Number(await row.getByTestId('out-of-tolerance').getAttribute('data-seconds'))
  expect(seconds).toBeGreaterThan(3600)
  expect(seconds).toBeLessThan(4 * 3600)

  // Keyboard: from the selected node, arrow keys move and Enter selects.
  await radio.focus()
  await facilitator.keyboard.press('ArrowUp')
  const focused = chain.locator('.chain-node:focus')
  await expect(focused).toHaveAttribute('data-node-id', /.+/)
  const upstream = await focused.getAttribute('data-node-id')
  expect(upstream).not.toBe('radio-1')
  await facilitator.keyboard.press('Enter')
  await expect(focused).toHaveAttribute('aria-pressed', 'true')

  // Red sees its foothold (docs/twin.md), by name: the grandmaster behind a jammed receiver, not
  // the radios.
  const redChain = red.getByTestId('timing-chain')
  await expect(
    redChain.getByRole('button', { name: /^Grandmaster 1 \(OCXO\): failed/ }),
  ).toBeVisible()
  await expect(redChain.locator('[data-node-id="radio-1"]')).toHaveCount(0)

  // Telco: its clockClass alarm, its monitored nodes in alarm, and nothing it does not monitor.
  const alerts = telco.getByTestId('twin-alerts')
  await expect(
    alerts.getByTestId('twin-alert').filter({ hasText: 'clockClass' }).first(),
  ).toBeVisible()
  const telcoChain = telco.getByTestId('timing-chain')
  await expect(
    telcoChain.getByRole('button', { name: /^Grandmaster 1 \(OCXO\): alarm/ }),
  ).toBeVisible()
  await expect(telcoChain.locator('.chain-node')).toHaveCount(4)
  await telcoChain.getByRole('button', { name: /^Grandmaster 1/ }).click()
  await expect(telcoChain.getByTestId('node-details')).toContainText('clockClass')
  await expect(telcoChain.getByTestId('time-error-plot')).toHaveAttribute(
    'data-node-ids',
    /^gm-1\//,
  )
  const telcoText = (await telco.locator('body').textContent()) ?? ''
  expect(telcoText).not.toContain('trading-venue')
  expect(telcoText).not.toContain('Trading venue gateway')
  expect(telcoText).not.toMatch(/\b(degraded|failed)\b/)

  // The SOC's monitoring watches the NTP side: nothing of the jamming reaches it.
  await expect(soc.getByTestId('timing-chain')).toBeVisible()
  await expect(soc.getByTestId('scenario-clock')).toHaveText('T+08:00:00')
  await expect(soc.getByTestId('twin-alerts')).toContainText('No alerts from your monitoring.')
  await expect(soc.getByTestId('twin-alert')).toHaveCount(0)
})

test('a blue action aimed at a node of the chain: the team picks the target', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: aimed action', TWIN_SCENARIO)
  const telco = await newPage(browser)
  const facilitator = await newPage(browser)
  await joinInUi(telco, exercise.joinCodes.telco!, 'Tess', TWIN_TEAMS.telco)

  const action = telco.getByTestId('team-actions').locator('[data-action-id="gm-holdover"]')
  await action.getByLabel('Target').selectOption({ label: 'Boundary clock' })
  await action.getByRole('button', { name: 'Take action: Put a grandmaster into holdover' }).click()
  await expect(action).toContainText(
    'Take “Put a grandmaster into holdover” on Boundary clock now?',
  )
  await action.getByRole('button', { name: 'Yes, take it' }).click()
  await expect(action.getByTestId('action-taken')).toHaveText(
    /Taken at T\+00:00:00 on Boundary clock by you/,
  )

  await openConsole(facilitator, exercise.id)
  await openPane(facilitator, 'Teams')
  // The log names the node as people know it, not by its id.
  const taken = facilitator.getByTestId('actions-log').locator('[data-action-id="gm-holdover"]')
  await expect(taken).toContainText('on Boundary clock')
  await expect(taken).not.toContainText('bc-1')
  // Ground truth: the boundary clock now runs on its own oscillator.
  await openPane(facilitator, 'Timing chain')
  await expect(
    facilitator
      .getByTestId('timing-chain')
      .getByRole('button', { name: /^Boundary clock: \w+, holdover/ }),
  ).toBeVisible()
})
