/**
 * The replay's panels take "now" from its cursor: a decision opened at T+00:00 with ten minutes
 * to answer reads "Closes in 00:10:00" at its moment and "Closes in 00:08:00" with the cursor two
 * minutes on, though no event lies between.
 */
import { expect, test } from '@playwright/test'
import { createExerciseViaApi, joinInUi, jumpTo, newPage, openConsole, openPane } from './support'

const QUESTION = 'Declare a major incident now?'

test("a decision's time left in the replay is the cursor's, between events too", async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: replay a countdown')
  const soc = await newPage(browser)
  await joinInUi(soc, exercise.joinCodes.soc!, 'Blair', 'Northmere SOC')
  const facilitator = await newPage(browser)
  await openConsole(facilitator, exercise.id)
  await openPane(facilitator, 'Decisions')
  const control = facilitator.locator('[data-decision-id="declare-major-incident"]')
  await control.getByRole('button', { name: `Open now: ${QUESTION}` }).click()
  await expect(control).toHaveAttribute('data-state', 'open')
  await expect(soc.getByTestId('decision').filter({ hasText: QUESTION })).toHaveAttribute(
    'data-state',
    'open',
  )
  await jumpTo(facilitator, 'T+00:04')
  await facilitator.getByRole('link', { name: 'Replay', exact: true }).click()

  const replay = facilitator.getByTestId('replay')
  await facilitator.getByLabel('Seen by').selectOption({ label: 'Northmere SOC' })
  await expect(facilitator.locator('[data-seen-by="soc"]')).toBeVisible()
  await replay.getByTestId('replay-entry').filter({ hasText: QUESTION }).first().click()
  const decision = replay.getByTestId('decision').filter({ hasText: QUESTION })
  await expect(decision.getByTestId('deadline-countdown')).toHaveText('Closes in 00:10:00')

  // Two minutes on, with no event in between: the countdown is the cursor's.
  await replay.getByLabel('Scenario time').fill('120')
  await expect(replay.getByTestId('replay-scenario-time')).toHaveText('T+00:02:00')
  await expect(decision.getByTestId('deadline-countdown')).toHaveText('Closes in 00:08:00')
})
