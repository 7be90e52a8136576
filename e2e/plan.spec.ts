/** The clock plan and decisions at any speed; evaluators rating teams as the white cell watches. */
import { readFile } from 'node:fs/promises'
import type { Browser, Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { MSEL_COLUMNS } from '../core/scenario/msel'
import { E2E_ADMIN_TOKEN } from './constants'
import { DRILL, joinInUi, openConsole, openPane } from './support'

const QUESTION = 'Declare a major incident now?'

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  return context.newPage()
}

test('a decision opened at 3600× slows the clock, and a team member answers it in time', async ({
  browser,
  request,
}) => {
  const response = await request.post('/api/exercises', {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    data: { scenarioId: DRILL, title: 'E2E: decision at 3600×' },
  })
  const exercise = (await response.json()) as { id: string; joinCodes: Record<string, string> }
  const facilitator = await newPage(browser)
  const soc = await newPage(browser)
  await joinInUi(soc, exercise.joinCodes.soc!, 'Blair', 'Northmere SOC')
  await openConsole(facilitator, exercise.id)
  // The plan's next hold is announced beside the clock.
  await expect(facilitator.getByTestId('next-hold')).toContainText('T+01:00:00')

  await facilitator.getByRole('button', { name: '3600×' }).click()
  await openPane(facilitator, 'Clock plan')
  await expect(facilitator.getByTestId('plan-following')).toContainText(
    'Off the plan: you set 3600×',
  )
  await facilitator.getByRole('button', { name: 'Start clock' }).click()

  // At 3600× the help-desk call (T+00:35) comes within a second: the question opens and the
  // clock drops to 1× for it.
  const decision = soc.getByTestId('decision').filter({ hasText: QUESTION })
  await expect(decision).toHaveAttribute('data-state', 'open')
  await expect(facilitator.getByTestId('clock-status')).toContainText('Running ×1')
  await openPane(facilitator, 'Open decisions')
  const open = facilitator
    .getByTestId('open-decisions')
    .locator('[data-decision-id="declare-major-incident"]')
  await expect(open.getByTestId('wall-left')).toHaveText(/\(\d+:\d\d left\)/)

  // The facilitator gives the team more time: the deadline moves five minutes.
  const deadline = open.locator('.mono')
  const before = await deadline.textContent()
  await open.getByRole('button', { name: /Give Northmere SOC 5 more minutes/ }).click()
  await expect(deadline).not.toHaveText(before ?? '')

  // The decision shows expanded as it opens; the first answer decides for the team, so it asks.
  await decision.getByRole('radio', { name: 'Declare a major incident' }).check()
  await decision.getByRole('button', { name: 'Answer' }).click()
  await decision.getByRole('button', { name: 'Yes, answer for the team' }).click()
  await expect(decision).toHaveAttribute('data-state', 'closed')
  await expect(decision.getByTestId('decision-outcome')).toHaveText(
    'Declare a major incident (answered by you)',
  )
  // Answered, the clock gets the facilitator's 3600× back, and stops at the plan's hold.
  await expect(facilitator.getByTestId('scenario-clock')).toHaveText('T+01:00:00')
  await expect(facilitator.getByTestId('clock-status')).toContainText('Paused')
  await expect(facilitator.getByTestId('next-hold')).toHaveCount(0)
  await expect(facilitator.getByTestId('holding')).toContainText(
    'Holding at T+01:00:00: Has the SOC reported the offset and its start?',
  )
  await openPane(facilitator, 'Clock plan')
  await facilitator.getByRole('button', { name: 'Return to the plan' }).click()
  await expect(facilitator.getByTestId('plan-following')).toContainText('follows the plan (1× now)')
})

test('an evaluator rates a team against an objective, and the white cell sees it live', async ({
  browser,
  request,
}) => {
  const response = await request.post('/api/exercises', {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    data: { scenarioId: DRILL, title: 'E2E: evaluator' },
  })
  const exercise = (await response.json()) as { id: string; evaluatorCode: string }
  const facilitator = await newPage(browser)
  await openConsole(facilitator, exercise.id)
  await openPane(facilitator, 'Observations')
  const pane = facilitator.getByTestId('observations-pane')
  await expect(pane).toContainText('No observation recorded yet.')

  const evaluator = await newPage(browser)
  await evaluator.goto('/')
  await evaluator.getByLabel('Join code').fill(exercise.evaluatorCode)
  await evaluator.getByLabel('Your name').fill('Ada')
  await evaluator.getByRole('button', { name: 'Join exercise' }).click()
  await expect(evaluator).toHaveURL(new RegExp(`/evaluate/${exercise.id}$`))
  await expect(evaluator.getByTestId('connection-status')).toHaveAttribute(
    'data-state',
    'connected',
  )
  await expect(pane).toContainText('Evaluators: Ada.')

  // The objective's critical tasks are a checklist.
  const tasks = evaluator.getByTestId('critical-tasks-detect')
  await tasks.getByRole('checkbox', { name: /Notice the SIEM's NTP offset alert/ }).check()
  await expect(tasks).toContainText('1 of 5 seen')

  const form = evaluator.getByRole('form', { name: 'Record an observation' })
  await form.getByLabel('Objective').selectOption('detect')
  await form.getByLabel('Team').selectOption('soc')
  await form.getByRole('radio', { name: /^S Performed with some challenges/ }).check()
  await form.getByLabel('What you observed').fill('Saw the offset; slow to tell management')
  await form.getByRole('button', { name: 'Record observation' }).click()
  await expect(form.getByRole('status')).toHaveText('Recorded.')

  const entry = pane.getByTestId('observations').locator('li').first()
  await expect(entry).toContainText('Northmere SOC')
  await expect(entry).toContainText('Saw the offset; slow to tell management')
  await expect(entry).toContainText('by Ada')
  await expect(entry).toHaveAttribute('data-rating', 'S')
  await expect(facilitator.getByRole('tab', { name: 'Observations (1)' })).toBeVisible()

  // The evaluator reads the MSEL as the white cell does, and can fire nothing.
  await evaluator.getByRole('tab', { name: 'MSEL' }).click()
  await expect(evaluator.getByTestId('msel')).toBeVisible()
  await expect(evaluator.getByRole('button', { name: /^Fire now:/ }).first()).toBeDisabled()
  // It downloads the MSEL as the white cell does, with no admin token.
  const downloading = evaluator.waitForEvent('download')
  await evaluator.getByRole('button', { name: 'Download MSEL (CSV)' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('drill-ntp-shift-msel.csv')
  const csv = await readFile(await download.path(), 'utf8')
  expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(MSEL_COLUMNS.join(','))
  await expect(evaluator.getByTestId('command-error')).toHaveText('')

  // The evaluator reads the report so far, with its own observation, and writes the improvement
  // plan with the white cell.
  await evaluator.getByRole('tab', { name: 'After-action report' }).click()
  const report = evaluator.getByTestId('report')
  await expect(report).toContainText('Saw the offset; slow to tell management')
  await evaluator.getByRole('button', { name: 'Add a row' }).click()
  await evaluator
    .getByTestId('improvement-plan')
    .getByLabel('Issue / area for improvement, row 1')
    .fill('Tell management within 10 minutes')
  await expect(evaluator.getByTestId('improvement-plan-status')).toContainText('Saved')
  await facilitator.goto(`/facilitator/exercise/${exercise.id}/report`)
  await expect(
    facilitator.getByTestId('improvement-plan').getByLabel('Issue / area for improvement, row 1'),
  ).toHaveValue('Tell management within 10 minutes')
})
