/**
 * The after-action report in the browser: red jams the core site's receivers, telco's monitoring raises its
 * alarms, the exercise ends; the facilitator opens the report from the console, finds the time to
 * detect that this run produced, writes the improvement plan with another facilitator watching,
 * and downloads the report as HTML and Markdown.
 */
import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import type { Report } from '../core/report/model'
import { formatDuration } from '../core/vocabulary/scenarioTime'
import { E2E_ADMIN_TOKEN, TWIN_SCENARIO, TWIN_TEAMS } from './constants'
import { joinInUi, jumpTo, newPage, openConsole, signInWithLink } from './support'

async function downloaded(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ])
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') }
}

test('the report shows the time to detect this run produced, with its improvement plan, and downloads', async ({
  browser,
  request,
}) => {
  const created = await request.post('/api/exercises', {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    data: { scenarioId: TWIN_SCENARIO, title: 'E2E: report' },
  })
  expect(created.status()).toBe(201)
  const exercise = (await created.json()) as { id: string; joinCodes: Record<string, string> }
  const facilitator = await newPage(browser, 1400, 900)
  const red = await newPage(browser)
  const telco = await newPage(browser)
  await joinInUi(red, exercise.joinCodes.red!, 'Riley', TWIN_TEAMS.red)
  await joinInUi(telco, exercise.joinCodes.telco!, 'Tess', TWIN_TEAMS.telco)

  const jam = red.getByTestId('attacks').locator('[data-attack-id="jam-core"]')
  for (const receiver of ['Core site receiver 1', 'Core site receiver 2']) {
    await jam.getByLabel('Target').selectOption({ label: receiver })
    await jam.getByRole('button', { name: /^Launch:/ }).click()
    await jam.getByRole('button', { name: 'Yes, launch it' }).click()
    await expect(jam.getByTestId('attack-launched')).toContainText(`on ${receiver} by you`)
  }

  await openConsole(facilitator, exercise.id)
  await jumpTo(facilitator, 'T+08:00')
  await expect(telco.getByTestId('twin-alerts')).toContainText('clockClass')
  await facilitator.getByRole('button', { name: 'End exercise…' }).click()
  await facilitator.getByRole('button', { name: 'Yes, end the exercise' }).click()
  await expect(facilitator.getByTestId('clock-status')).toHaveText(/Ended/)

  await facilitator.getByRole('link', { name: 'Report', exact: true }).click()
  const report = facilitator.getByTestId('report')
  await expect(
    facilitator.getByRole('heading', { level: 1, name: 'After-action report: E2E: report' }),
  ).toBeVisible()
  const answer = await request.get(`/api/exercises/${exercise.id}/report`, {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
  })
  const figures = (await answer.json()) as Report
  const [attack] = figures.attacks
  expect(attack).toMatchObject({ attackId: 'jam-core', detectedBy: 'telco', detectedHow: 'alert' })
  const attacks = report.getByRole('table', { name: 'Attacks: time to detect and to recover' })
  const row = attacks.getByRole('row', { name: /Jam the core site/ }).first()
  await expect(row).toContainText(formatDuration(attack!.timeToDetectS!))
  await expect(row).toContainText(`${TWIN_TEAMS.telco} (alert)`)
  await expect(report.getByRole('img', { name: 'Timeline by team' })).toBeVisible()

  // Another facilitator opens the same report and sees the plan as it is written.
  const colleague = await newPage(browser, 1400, 900)
  await signInWithLink(colleague, `/facilitator/exercise/${exercise.id}/report`)
  const plan = facilitator.getByTestId('improvement-plan')
  await facilitator.getByRole('button', { name: 'Add a row' }).click()
  await plan.getByLabel('Issue / area for improvement, row 1').fill('Holdover alarms reach nobody')
  await plan.getByLabel('Point of contact, row 1').fill('Tess')
  await expect(
    colleague.getByTestId('improvement-plan').getByLabel('Issue / area for improvement, row 1'),
  ).toHaveValue('Holdover alarms reach nobody')
  await expect(facilitator.getByTestId('improvement-plan-status')).toContainText('Saved')

  const html = await downloaded(facilitator, 'Download HTML (prints to PDF)')
  expect(html.name).toBe(`holdover-${exercise.id}-report.html`)
  expect(html.text).toContain('@media print')
  expect(html.text).toContain(`<td>${formatDuration(attack!.timeToDetectS!)}</td>`)
  expect(html.text).toContain('Holdover alarms reach nobody')
  const markdown = await downloaded(facilitator, 'Download Markdown')
  expect(markdown.text).toContain('# After-action report: E2E: report')
  expect(markdown.text).toContain(`| ${formatDuration(attack!.timeToDetectS!)} |`)
  expect(markdown.text).toContain('| Holdover alarms reach nobody |')
})
