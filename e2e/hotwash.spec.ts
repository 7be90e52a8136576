/**
 * The hot wash: the facilitator ends an exercise, a participant answers the survey in their
 * console (it remembers after a reload), and the white cell (facilitator and evaluator) sees the
 * responses arrive.
 */
import { expect, test } from '@playwright/test'
import { createExerciseViaApi, joinInUi, newPage, openConsole, openPane } from './support'

test('after the end a participant answers the hot wash once, and the facilitator sees it arrive', async ({
  browser,
  request,
}) => {
  const { id, joinCodes, evaluatorCode } = await createExerciseViaApi(request, 'Hot wash drill')
  const facilitator = await newPage(browser)
  const blue = await newPage(browser)
  const evaluator = await newPage(browser)
  await joinInUi(blue, joinCodes.soc!, 'Grace', 'Northmere SOC')
  await evaluator.goto('/')
  await evaluator.getByLabel('Join code').fill(evaluatorCode)
  await evaluator.getByLabel('Your name').fill('Ada')
  await evaluator.getByRole('button', { name: 'Join exercise' }).click()
  await expect(evaluator).toHaveURL(new RegExp(`/evaluate/${id}$`))
  await openConsole(facilitator, id)
  await expect(blue.getByTestId('hotwash-survey')).toHaveCount(0)

  await facilitator.getByRole('button', { name: 'End exercise…' }).click()
  await facilitator.getByRole('button', { name: 'Yes, end the exercise' }).click()
  await openPane(facilitator, 'Hot wash')
  await expect(facilitator.getByTestId('hotwash-count')).toHaveText(
    '0 of 1 participants answered (0 signed, 0 anonymous).',
  )

  const survey = blue.getByTestId('hotwash-survey')
  await expect(survey).toBeVisible()
  await survey.getByLabel('What went well').fill('The bridge call with the OT engineers')
  await survey.getByLabel('What to improve').fill('Escalate the offset sooner')
  const detect = survey.getByRole('group', { name: /Recognise a time shift/ })
  // Keyboard: from "Cannot say", the arrow keys walk the scale.
  await detect.getByRole('radio', { name: 'Cannot say' }).focus()
  for (let step = 0; step < 4; step++) await blue.keyboard.press('ArrowRight')
  await expect(detect.getByRole('radio', { name: '4 Mostly met' })).toBeChecked()
  await survey.getByRole('checkbox', { name: /Sign with my name \(Grace\)/ }).check()
  await survey.getByRole('button', { name: 'Send my response' }).click()
  await expect(blue.getByTestId('hotwash-sent')).toContainText('signed Grace')
  await expect(blue.getByTestId('hotwash-sent')).toBeFocused()

  await expect(facilitator.getByRole('tab', { name: 'Hot wash (1)' })).toBeVisible()
  await expect(facilitator.getByTestId('hotwash-count')).toHaveText(
    '1 of 1 participants answered (1 signed, 0 anonymous).',
  )
  const pane = facilitator.getByTestId('hotwash-pane')
  await expect(pane).toContainText('The bridge call with the OT engineers — Grace')
  await expect(
    pane
      .getByRole('row', { name: /Situational Assessment/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveText('4.0')

  // The white cell's evaluator reads the responses as they come in too.
  await evaluator.getByRole('tab', { name: 'Hot wash (1)' }).click()
  await expect(evaluator.getByTestId('hotwash-pane')).toContainText(
    'The bridge call with the OT engineers — Grace',
  )

  // The console remembers after a reload: the thank-you, not the form again.
  await blue.reload()
  await expect(blue.getByTestId('hotwash-sent')).toHaveText(/Thank you: your response is in\./)
  await expect(blue.getByRole('button', { name: 'Send my response' })).toHaveCount(0)
})
