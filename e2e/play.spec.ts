/**
 * Live play by the rules of a real exercise: the white cell rules on red's moves (an approved
 * attack moves the twin, a denied one never does), red's campaign explains a precondition before
 * launching, and a cross-team channel carries the bridge between two blue teams that red's page
 * never receives.
 */
import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
import { E2E_ADMIN_TOKEN } from './constants'
import {
  createExerciseViaApi,
  joinInUi,
  jumpTo,
  openConsole,
  openPane,
  recordSocketFrames,
} from './support'

type LoggedEvent = {
  type: string
  source?: string
  effect?: { target?: string; offsetNs?: number }
}

async function eventsOf(request: APIRequestContext, exerciseId: string): Promise<LoggedEvent[]> {
  const log = await request.get(`/api/exercises/${exerciseId}/events`, {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
  })
  return (await log.json()) as LoggedEvent[]
}

const attackEffects = (events: LoggedEvent[]) =>
  events.filter((e) => e.type === 'twin.effectApplied' && e.source === 'attack')

/** Red asks for the delay attack on `target`, with a rationale, and sees it wait. */
async function askForDelay(red: Page, target: string, rationale: string): Promise<void> {
  const attack = red.getByTestId('attacks').locator('[data-attack-id="delay-upstream"]')
  await attack.getByLabel('Target').selectOption({ label: target })
  await attack.getByRole('button', { name: /^Launch:/ }).click()
  // Without a rationale, nothing is sent: control needs one to rule.
  await expect(attack.getByRole('alert')).toHaveText(
    'Say why you make this move: control needs it to rule.',
  )
  await attack.getByLabel(/^Rationale/).fill(rationale)
  await attack.getByRole('button', { name: /^Launch:/ }).click()
  await expect(attack).toContainText('It goes to exercise control, and runs only once approved.')
  await attack.getByRole('button', { name: 'Yes, launch it' }).click()
  await expect(
    attack
      .getByTestId('rulings')
      .locator('li', { hasText: `On ${target}` })
      .last(),
  ).toContainText("waiting for exercise control's ruling")
}

test("red's approval-required attack waits for the white cell: approved it moves the twin, denied it never does", async ({
  page: red,
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: adjudication')
  await joinInUi(red, exercise.joinCodes.red!, 'Riley', 'Red cell')
  const facilitator = await (await browser.newContext()).newPage()
  await openConsole(facilitator, exercise.id)

  await askForDelay(red, 'Upstream stratum-1 10.20.0.7 (other path)', 'Slewed in under the step')
  expect(attackEffects(await eventsOf(request, exercise.id))).toEqual([])

  await openPane(facilitator, 'Adjudication')
  const queue = facilitator.getByTestId('adjudication')
  const waiting = queue.getByTestId('adjudication-waiting').locator('li').first()
  await expect(waiting.getByTestId('adjudication-rationale')).toHaveText('Slewed in under the step')
  await waiting.getByLabel('Note to the team').fill('You have the kit for one night.')
  await waiting.getByRole('button', { name: 'Approve', exact: true }).click()
  await expect(queue.getByTestId('adjudication-ruled')).toContainText('Approved')

  const attack = red.getByTestId('attacks').locator('[data-attack-id="delay-upstream"]')
  await expect(attack.getByTestId('rulings')).toContainText(
    'Approved by exercise control at T+00:00:00: “You have the kit for one night.”',
  )
  await expect(attack.getByTestId('attack-launched')).toContainText(
    'on Upstream stratum-1 10.20.0.7 (other path)',
  )
  await expect
    .poll(async () => attackEffects(await eventsOf(request, exercise.id)).map((e) => e.effect))
    .toMatchObject([{ target: 'up-7' }])

  // A second one, denied: red reads why, and the twin never sees it.
  await askForDelay(red, 'Upstream stratum-1 10.20.0.8', 'And the last one')
  const next = queue.getByTestId('adjudication-waiting').locator('li').first()
  await expect(next.getByTestId('adjudication-rationale')).toHaveText('And the last one')
  await next.getByLabel('Note to the team').fill('Too much for one night.')
  await next.getByRole('button', { name: 'Deny' }).click()
  await expect(
    attack.getByTestId('rulings').locator('li', { hasText: 'On Upstream stratum-1 10.20.0.8' }),
  ).toContainText('Denied by exercise control at T+00:00:00: “Too much for one night.”')
  const events = await eventsOf(request, exercise.id)
  expect(events.filter((e) => e.type === 'adjudication.ruled')).toHaveLength(2)
  expect(attackEffects(events)).toHaveLength(1)
  await expect(attack.getByTestId('attack-launched').locator('li')).toHaveCount(1)

  // A third, modified within what the attack may tune: it runs with control's value.
  await askForDelay(red, 'Upstream stratum-1 10.20.0.5', 'A full 100 ms')
  const third = queue.getByTestId('adjudication-waiting').locator('li').first()
  await third.getByRole('button', { name: 'Modify…' }).click()
  await third.getByLabel('Delay (ns)').fill('20000000')
  await third.getByLabel('Note to the team').fill('20 ms at most.')
  await third.getByRole('button', { name: 'Approve as modified' }).click()
  await expect(
    attack.getByTestId('rulings').locator('li', { hasText: 'On Upstream stratum-1 10.20.0.5' }),
  ).toContainText('Approved, modified by exercise control at T+00:00:00 (Delay 20000000 ns)')
  await expect
    .poll(async () => attackEffects(await eventsOf(request, exercise.id)).map((e) => e.effect))
    .toMatchObject([{ target: 'up-7' }, { target: 'up-5', offsetNs: 20_000_000 }])
})

test('a failed precondition is explained to red before it launches, and lifts once the foothold is in effect', async ({
  page: red,
  browser,
  request,
}) => {
  const created = await request.post('/api/exercises', {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    data: { scenarioId: 'national-time-lab-intrusion', title: 'E2E: campaign' },
  })
  const exercise = (await created.json()) as { id: string; joinCodes: Record<string, string> }
  await joinInUi(red, exercise.joinCodes.red!, 'Riley', 'Red cell (GREY LANTERN)')
  const attacks = red.getByTestId('attacks')
  await expect(attacks.getByTestId('campaign-progress')).toHaveText(
    'Campaign: 0 of 8 steps in effect.',
  )
  const harvest = attacks.locator('[data-attack-id="harvest-vpn-codes"]')
  await expect(harvest.getByTestId('attack-precondition')).toHaveText(
    'Not yet: “Harvest VPN passwords and SMS one-time codes from the phones” needs “Implant two staff phones through a messaging-app exploit” to have taken effect first.',
  )
  await expect(harvest.getByRole('button', { name: /^Launch:/ })).toBeDisabled()
  await expect(harvest).toContainText('T1111 Multi-Factor Authentication Interception')

  const implant = attacks.locator('[data-attack-id="implant-phones"]')
  await implant.getByRole('button', { name: /^Launch:/ }).click()
  await implant.getByRole('button', { name: 'Yes, launch it' }).click()
  await expect(implant.getByTestId('attack-launched')).toContainText(
    'executing, lands at T+06:00:00',
  )
  // Launched is not in effect: the next step still waits.
  await expect(harvest.getByTestId('attack-precondition')).toBeVisible()

  const facilitator = await (await browser.newContext()).newPage()
  await openConsole(facilitator, exercise.id)
  await jumpTo(facilitator, 'T+06:30')
  await expect(implant.getByTestId('attack-launched')).toContainText('in effect since T+06:00:00')
  await expect(harvest.getByTestId('attack-precondition')).toHaveCount(0)
  await expect(harvest.getByRole('button', { name: /^Launch:/ })).toBeEnabled()
  await expect(attacks.getByTestId('campaign-progress')).toHaveText(
    'Campaign: 1 of 8 steps in effect.',
  )
})

test("a cross-team channel carries the bridge between two blue teams, and red's page never receives it", async ({
  page: red,
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: channels')
  const frames = recordSocketFrames(red)
  await joinInUi(red, exercise.joinCodes.red!, 'Riley', 'Red cell')
  const soc = await (await browser.newContext()).newPage()
  await joinInUi(soc, exercise.joinCodes.soc!, 'Sam', 'Northmere SOC')
  const ot = await (await browser.newContext()).newPage()
  await joinInUi(ot, exercise.joinCodes.ot!, 'Oda', 'Northmere OT engineering')
  const facilitator = await (await browser.newContext()).newPage()
  await openConsole(facilitator, exercise.id)

  const secret = 'Bridge: ntp1 runs 420 s ahead, check your PMUs'
  const socBridge = soc.getByTestId('channel-incident-bridge')
  await socBridge.getByLabel(/^Message to/).fill(secret)
  await socBridge.getByRole('button', { name: 'Send' }).click()
  await expect(ot.getByTestId('channel-incident-bridge').getByTestId('channel-log')).toContainText(
    `Sam (Northmere SOC)${''}`,
  )
  await expect(ot.getByTestId('channel-incident-bridge')).toContainText(secret)
  const otBridge = ot.getByTestId('channel-incident-bridge')
  await otBridge.getByLabel(/^Message to/).fill('OT here: PMUs are on GNSS, fine')
  await otBridge.getByRole('button', { name: 'Send' }).click()
  await expect(socBridge).toContainText('OT here: PMUs are on GNSS, fine')

  // The white cell reads every channel.
  await openPane(facilitator, 'Channels')
  await expect(facilitator.getByTestId('channel-incident-bridge')).toContainText(secret)

  // Red writes in its own chat after both lines: had the bridge reached red, it would be here first.
  await red.getByLabel('Message to Red cell').fill('marker')
  await red.getByLabel('Message to Red cell').press('Enter')
  await expect(red.getByTestId('chat-log')).toContainText('marker')
  await expect(red.getByTestId('channel-incident-bridge')).toHaveCount(0)
  await expect(red.locator('body')).not.toContainText('420 s ahead')
  expect(frames.some((frame) => frame.includes('marker'))).toBe(true)
  expect(frames.some((frame) => frame.includes('420 s ahead'))).toBe(false)
  expect(frames.some((frame) => frame.includes('incident-bridge'))).toBe(false)
})

test("blue's inbox sorts injects by channel with unread counts, and the white cell sees who acknowledged one", async ({
  page: soc,
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: inbox')
  await joinInUi(soc, exercise.joinCodes.soc!, 'Sam', 'Northmere SOC')
  const facilitator = await (await browser.newContext()).newPage()
  await openConsole(facilitator, exercise.id)
  await jumpTo(facilitator, 'T+00:15')

  // The briefing and the SIEM alert, each under its channel, both unread.
  await expect(soc.getByTestId('inbox-channel-all')).toHaveText('All (2 unread)')
  await expect(soc.getByTestId('inbox-channel-siem')).toContainText('(1 unread)')
  await soc.getByTestId('inbox-channel-siem').click()
  await expect(soc.getByTestId('inbox-channel-siem')).toHaveAttribute('aria-pressed', 'true')
  const feed = soc.getByTestId('inject-feed')
  await expect(feed.getByTestId('inject')).toHaveCount(1)
  await feed.getByRole('button', { name: 'NTP offset above threshold on ntp1.corp' }).click()
  await expect(soc.getByTestId('inbox-channel-siem')).not.toContainText('unread')
  await expect(soc.getByTestId('inbox-channel-all')).toHaveText('All (1 unread)')

  await feed.getByRole('button', { name: 'Acknowledge for the team' }).click()
  await expect(feed.getByTestId('inject-acknowledged')).toContainText(
    'Acknowledged by you at T+00:15:00',
  )

  await openPane(facilitator, 'Send inject')
  const delivered = facilitator
    .getByTestId('delivery-feed')
    .locator('li', { hasText: 'NTP offset above threshold on ntp1.corp' })
  await expect(delivered.getByTestId('delivery-acknowledged')).toHaveText(
    'Northmere SOC: acknowledged by Sam at T+00:15:00',
  )
})
