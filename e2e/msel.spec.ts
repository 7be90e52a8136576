/** The facilitator's live MSEL: delay, skip, edit before sending, phases, countdowns, the CSV. */
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { Browser, Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { MSEL_COLUMNS } from '../core/scenario/msel'
import { parseScenario } from '../core/scenario/parseScenario'
import { createExerciseViaApi, DRILL, joinInUi, jumpTo, openConsole } from './support'

// Counts come from the drill itself, so that editing its injects does not break these tests.
const parsedDrill = parseScenario(readFileSync(`scenarios/${DRILL}.yaml`, 'utf8'), DRILL)
if (!parsedDrill.ok) throw new Error(`${DRILL} does not parse`)
const drill = parsedDrill.scenario
const inPhase = (phase: string) => drill.injects.filter((inject) => inject.phase === phase).length

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  return context.newPage()
}

test('the facilitator delays, skips and edits scripted injects; the teams see the result', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: MSEL controls')
  const facilitator = await newPage(browser)
  const soc = await newPage(browser)
  const ot = await newPage(browser)
  await joinInUi(soc, exercise.joinCodes.soc!, 'Blair', 'Northmere SOC')
  await joinInUi(ot, exercise.joinCodes.ot!, 'Olu', 'Northmere OT engineering')
  await openConsole(facilitator, exercise.id)
  const msel = facilitator.getByTestId('msel')

  // Delay: the SIEM inject moves from T+00:10 to T+00:15, and its countdown with it.
  const siem = msel.locator('[data-inject-id="siem-offset"]')
  await expect(siem).toHaveAttribute('data-status', 'upcoming')
  await expect(siem.getByTestId('due-time')).toHaveText('T+00:10:00')
  await expect(siem.getByTestId('countdown')).toHaveText('in 00:10:00')
  await siem.getByRole('button', { name: /^Delay:/ }).click()
  await expect(siem.getByLabel('Delay by (minutes)')).toBeFocused()
  await siem.getByLabel('Delay by (minutes)').fill('5')
  await siem.getByRole('button', { name: 'Delay', exact: true }).click()
  await expect(siem.getByTestId('due-time')).toHaveText('T+00:15:00')
  await expect(siem.getByTestId('countdown')).toHaveText('in 00:15:00')
  await expect(siem).toContainText('(moved)')
  await expect(siem.getByRole('button', { name: /^Delay:/ })).toBeFocused()

  // Skip: the OT question goes to the skipped section.
  const otQuestion = msel.locator('[data-inject-id="ot-question"]')
  await otQuestion.getByRole('button', { name: /^Skip:/ }).click()
  await expect(otQuestion).toHaveAttribute('data-status', 'skipped')
  await expect(otQuestion).toContainText('Skipped at T+00:00:00')
  await expect(facilitator.getByTestId('msel-skipped')).toContainText(
    'Are our PMUs affected by the IT time problem?',
  )

  // Edit before sending: a dialog with the script prefilled and a preview; the team gets the edit.
  const helpdesk = msel.locator('[data-inject-id="helpdesk-logins"]')
  await helpdesk.getByRole('button', { name: /^Edit before sending:/ }).click()
  const dialog = facilitator.getByRole('dialog', { name: 'Edit before sending' })
  await expect(dialog.getByLabel('Title')).toHaveValue('Users cannot log in to the VPN')
  await expect(dialog.getByLabel('Title')).toBeFocused()
  await expect(dialog.getByLabel('Body (Markdown)')).toHaveValue(/KRB_AP_ERR_SKEW/)
  await dialog.getByLabel('Title').fill('Edited: VPN sign-ins failing')
  await dialog.getByLabel('Body (Markdown)').fill('Now **twenty** tickets.')
  await expect(dialog.getByTestId('edit-preview').locator('strong')).toHaveText('twenty')
  await dialog.getByRole('button', { name: 'Send edited inject' }).click()
  await expect(dialog).toBeHidden()
  await expect(helpdesk).toHaveAttribute('data-status', 'fired')
  await soc.getByRole('button', { name: 'Edited: VPN sign-ins failing' }).click()
  await expect(
    soc.getByTestId('inject').filter({ hasText: 'Edited' }).locator('strong'),
  ).toHaveText('twenty')
  await expect(soc.locator('body')).not.toContainText('Users cannot log in to the VPN')

  // Time passes: the delayed inject fires at its new time; the skipped one never reaches OT.
  await jumpTo(facilitator, 'T+00:45')
  await expect(siem).toHaveAttribute('data-status', 'fired')
  await expect(siem).toContainText('Fired at T+00:15:00')
  await expect(otQuestion).toHaveAttribute('data-status', 'skipped')
  await expect(ot.getByTestId('scenario-clock')).toHaveText('T+00:45:00')
  await expect(ot.getByTestId('inject')).toHaveCount(1)
  await expect(ot.getByTestId('inject')).toContainText('The drill begins')
  await expect(ot.locator('body')).not.toContainText('Are our PMUs affected')
})

test('the MSEL downloads as CSV, groups by phase, shows details and counts down live', async ({
  page,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: MSEL views')
  await openConsole(page, exercise.id)
  const msel = page.getByTestId('msel')

  const downloading = page.waitForEvent('download')
  await msel.getByRole('button', { name: 'Download MSEL (CSV)' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('drill-ntp-shift-msel.csv')
  const csv = await readFile(await download.path(), 'utf8')
  expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(MSEL_COLUMNS.join(','))

  // Injects say what they wait for; a contingency is due unless the team acts.
  const waiting = page.getByTestId('msel-waiting')
  await expect(waiting.locator('[data-inject-id="major-incident"]')).toContainText(
    'when "Declare a major incident now?" = "Declare a major incident" + 2 min',
  )
  const contingency = page.getByTestId('msel-upcoming').locator('[data-inject-id="ot-not-told"]')
  await expect(contingency.getByTestId('trigger')).toHaveText(
    '(if "Tell OT engineering" not taken by T+00:50:00)',
  )
  await expect(contingency.getByTestId('due-time')).toHaveText('T+00:50:00')

  // Details on request: the body rendered, the expected actions.
  const siem = msel.locator('[data-inject-id="siem-offset"]')
  await siem
    .getByRole('button', { name: 'NTP offset above threshold on ntp1.corp', exact: true })
    .click()
  const details = siem.getByTestId('inject-details')
  await expect(details.locator('td').first()).toHaveText('10.20.0.5')
  await expect(details).toContainText('Compare ntp1 and ntp2 against an independent reference')

  // By phase: the drill's phases, each with its injects.
  await msel.getByRole('button', { name: 'By phase' }).click()
  await expect(msel.getByRole('heading', { level: 3 })).toHaveText([
    'Start',
    'Detection',
    'Impact',
    'Close',
    'Response',
  ])
  const detection = msel.locator('section[data-phase="Detection"]')
  await expect(detection.locator('[data-inject-id]')).toHaveCount(inPhase('Detection'))
  await expect(detection.locator('[data-inject-id="reference-result"]')).toContainText(
    'Waiting on a trigger',
  )

  // One phase at a time.
  await msel.getByLabel('Filter by phase').selectOption({ label: `Impact (${inPhase('Impact')})` })
  await expect(msel.getByRole('heading', { level: 3 })).toHaveText(['Impact'])
  await expect(msel.locator('[data-inject-id]')).toHaveCount(inPhase('Impact'))
  await msel.getByLabel('Filter by phase').selectOption('all')
  await expect(msel.locator('[data-inject-id]')).toHaveCount(drill.injects.length)

  // The countdown follows the running clock.
  await msel.getByRole('button', { name: 'By status' }).click()
  await expect(siem.getByTestId('countdown')).toHaveText('in 00:10:00')
  await page.getByRole('button', { name: 'Start clock' }).click()
  await page.getByRole('button', { name: '60×' }).click()
  await expect(siem.getByTestId('countdown')).toHaveText(/^in 00:0\d:\d\d$/)
  const first = await siem.getByTestId('countdown').textContent()
  await expect(siem.getByTestId('countdown')).not.toHaveText(first ?? '')
  await page.getByRole('button', { name: 'Pause clock' }).click()
})
