/**
 * The scenario: a facilitator, a red and a blue participant, each in their own browser
 * context, run an exercise end to end through the UI.
 */
import type { Browser, Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import {
  createExerciseInUi,
  joinInUi,
  msUntilInjectShown,
  openPane,
  recordSocketFrames,
  shownScenarioSeconds,
  signInWithLink,
} from './support'

const SCRIPTED_TITLE = 'NTP offset above threshold on ntp1.corp'
const AD_HOC_TITLE = 'Call from the regional grid operator'

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  return context.newPage()
}

test('facilitator, red and blue run an exercise; blue’s injects reach only blue', async ({
  browser,
}) => {
  const facilitator = await newPage(browser)
  const red = await newPage(browser)
  const blue = await newPage(browser)
  const redFrames = recordSocketFrames(red)

  // The facilitator signs in with the login link; the token leaves the address bar.
  await signInWithLink(facilitator)
  await expect(facilitator.getByRole('heading', { name: 'Facilitator console' })).toBeVisible()
  expect(facilitator.url()).not.toContain('token')

  const codes = await createExerciseInUi(facilitator, 'E2E: quiet shift')
  await joinInUi(red, codes.red!, 'Riley', 'Red cell')
  await joinInUi(blue, codes.soc!, 'Blair', 'Northmere SOC')

  await facilitator.getByRole('link', { name: 'Open the exercise console' }).click()
  await openPane(facilitator, 'Teams')
  const participants = facilitator.getByTestId('participants')
  await expect(participants.locator('[data-team-id="red"]')).toContainText('Riley')
  await expect(participants.locator('[data-team-id="soc"]')).toContainText('Blair')
  const everyone = [facilitator, red, blue]
  for (const page of everyone) {
    await expect(page.getByTestId('scenario-clock')).toHaveText('T+00:00:00')
    await expect(page.getByTestId('clock-status')).toContainText('Not started')
  }

  // Start at 1×: every screen shows the clock running, advancing, and agreeing.
  await facilitator.getByRole('button', { name: 'Start clock' }).click()
  for (const page of everyone) {
    await expect(page.getByTestId('clock-status')).toContainText('Running ×1')
  }
  await expectClockRate(everyone, 1, 2_200)

  // Pause, so that the scripted inject waits to be fired by hand; all screens stop together.
  await facilitator.getByRole('button', { name: 'Pause clock' }).click()
  for (const page of everyone) await expect(page.getByTestId('clock-status')).toHaveText(/Paused/)
  const paused = (await facilitator.getByTestId('scenario-clock').textContent()) ?? ''
  for (const page of [red, blue])
    await expect(page.getByTestId('scenario-clock')).toHaveText(paused)

  // The kickoff briefing (T+00:00, to everyone) reached both teams when the clock started.
  await expect(red.getByRole('button', { name: 'The drill begins' })).toBeVisible()
  await expect(blue.getByRole('button', { name: 'The drill begins' })).toBeVisible()

  // Fire the scripted SIEM inject to the SOC (blue).
  await openPane(facilitator, 'MSEL')
  const scriptedMs = await msUntilInjectShown(blue, SCRIPTED_TITLE, () =>
    facilitator.getByRole('button', { name: `Fire now: ${SCRIPTED_TITLE}` }).click(),
  )
  await expect(
    facilitator.locator('[data-inject-id="siem-offset"]').getByText(/Fired at T\+00:00:0\d/),
  ).toBeVisible()

  // Send an ad-hoc inject to the SOC only.
  await openPane(facilitator, 'Send inject')
  const composer = facilitator.getByTestId('inject-composer')
  await composer.getByRole('checkbox', { name: /Northmere SOC/ }).check()
  await composer.getByLabel('Channel').selectOption('phone')
  await composer.getByLabel('Title').fill(AD_HOC_TITLE)
  await composer
    .getByLabel('Body (Markdown)')
    .fill('The operator asks whether **PMU timing** is affected.')
  const adHocMs = await msUntilInjectShown(blue, AD_HOC_TITLE, () =>
    composer.getByRole('button', { name: 'Send inject' }).click(),
  )
  console.log(
    `fire-to-screen on blue: scripted inject ${scriptedMs} ms, ad-hoc inject ${adHocMs} ms`,
  )
  // Shown at all (the latency is the fan-out benchmark's to measure, not a browser test's).
  expect(Number.isFinite(scriptedMs)).toBe(true)
  expect(Number.isFinite(adHocMs)).toBe(true)
  await expect(facilitator.getByTestId('delivery-feed')).toContainText(AD_HOC_TITLE)

  // Red never gets either: not on screen, and not even on its socket.
  await expect(red.getByTestId('inject')).toHaveCount(1)
  await red.waitForTimeout(300)
  await expect(red.locator('body')).not.toContainText(SCRIPTED_TITLE)
  await expect(red.locator('body')).not.toContainText(AD_HOC_TITLE)
  expect(redFrames.some((frame) => frame.includes('inject.delivered'))).toBe(true)
  expect(redFrames.filter((frame) => frame.includes(SCRIPTED_TITLE))).toEqual([])
  expect(redFrames.filter((frame) => frame.includes(AD_HOC_TITLE))).toEqual([])

  // Blue has three injects, newest first, all unread; opening one marks it read.
  const feed = blue.getByTestId('inject')
  await expect(feed).toHaveCount(3)
  await expect(feed.nth(0)).toContainText(AD_HOC_TITLE)
  await expect(feed.nth(1)).toContainText(SCRIPTED_TITLE)
  await expect(blue.getByTestId('unread-count')).toHaveAttribute('data-count', '3')
  await blue.getByRole('button', { name: AD_HOC_TITLE }).click()
  await expect(feed.nth(0).locator('strong')).toHaveText('PMU timing')
  await expect(feed.nth(0)).toHaveAttribute('data-unread', 'false')
  await expect(blue.getByTestId('unread-count')).toHaveAttribute('data-count', '2')
  const idsBefore = await feed.evaluateAll((items) => items.map((item) => item.dataset.deliveryId))

  // A reload keeps everything: the same injects once each, and the read mark.
  await blue.reload()
  await expect(blue.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected')
  await expect(feed).toHaveCount(3)
  const idsAfter = await feed.evaluateAll((items) => items.map((item) => item.dataset.deliveryId))
  expect(idsAfter).toEqual(idsBefore)
  expect(new Set(idsAfter).size).toBe(3)
  await expect(feed.nth(0)).toHaveAttribute('data-unread', 'false')
  await expect(feed.nth(1)).toHaveAttribute('data-unread', 'true')
  await expect(blue.getByTestId('unread-count')).toHaveAttribute('data-count', '2')
  await expect(blue.getByTestId('scenario-clock')).toHaveText(paused)

  // Resume at 60×: scenario time now runs about a minute per second on every screen.
  await facilitator.getByRole('button', { name: '60×' }).click()
  await facilitator.getByRole('button', { name: 'Resume clock' }).click()
  for (const page of everyone) {
    await expect(page.getByTestId('clock-status')).toContainText('Running ×60')
  }
  await expectClockRate(everyone, 60, 1_500)

  // Ending asks first, then stops every clock.
  await facilitator.getByRole('button', { name: 'End exercise…' }).click()
  await facilitator.getByRole('button', { name: 'Yes, end the exercise' }).click()
  for (const page of everyone) await expect(page.getByTestId('clock-status')).toHaveText(/Ended/)
  await expect(blue.getByText('The exercise has ended.')).toBeVisible()
})

/**
 * Checks that every page's scenario clock runs at `speed` and that they agree, with bounds from
 * the wall time the reads actually spanned: a busy machine reads slowly, and what is checked is
 * the clock's rate, not the machine's speed. A page repaints its clock once a frame and a busy
 * machine delays frames, so each bound has ¾ s of wall time of slack (at least 2 scenario s).
 */
async function expectClockRate(pages: Page[], speed: number, waitMs: number): Promise<void> {
  const slack = Math.max(2, 0.75 * speed)
  const beforeStart = Date.now()
  const before = await Promise.all(pages.map(shownScenarioSeconds))
  const beforeEnd = Date.now()
  await pages[0]!.waitForTimeout(waitMs)
  const afterStart = Date.now()
  const after = await Promise.all(pages.map(shownScenarioSeconds))
  const afterEnd = Date.now()
  const least = (speed * (afterStart - beforeEnd)) / 1000 - slack
  const most = (speed * (afterEnd - beforeStart)) / 1000 + slack
  for (const [i, seconds] of after.entries()) {
    const advanced = seconds - before[i]!
    expect(advanced, `page ${i} advanced ${advanced} s at ${speed}×`).toBeGreaterThanOrEqual(least)
    expect(advanced, `page ${i} advanced ${advanced} s at ${speed}×`).toBeLessThanOrEqual(most)
  }
  // Every screen shows the same time, give or take what passed while they were read.
  const spread = (speed * (afterEnd - afterStart)) / 1000 + slack
  expect(Math.max(...after) - Math.min(...after)).toBeLessThanOrEqual(spread)
}
