/** The white cell sees as a team sees, and controls who is in: view as, move, new join codes. */
import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { createExerciseViaApi, joinInUi, newPage, openConsole, openPane } from './support'

async function sendChat(page: Page, teamName: string, text: string): Promise<void> {
  await page.getByLabel(`Message to ${teamName}`).fill(text)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByTestId('chat-log')).toContainText(text)
}

test("the facilitator views the exercise as blue: blue's console, read-only, nothing of red's", async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: view as blue')
  const facilitator = await newPage(browser)
  const red = await newPage(browser, 1280, 900)
  const blue = await newPage(browser, 1280, 900)
  await openConsole(facilitator, exercise.id)
  await joinInUi(red, exercise.joinCodes.red!, 'Mallory', 'Red cell')
  await joinInUi(blue, exercise.joinCodes.soc!, 'Blair', 'Northmere SOC')
  await sendChat(red, 'Red cell', 'Red-only plan: shift up-6 next')
  await sendChat(blue, 'Northmere SOC', 'SOC sees offsets on ntp1')
  // The white cell has both in its own activity stream.
  await expect(facilitator.getByTestId('activity-list')).toContainText('Red-only plan')

  await facilitator.getByLabel('View as').selectOption({ label: 'Northmere SOC' })
  const banner = facilitator.getByTestId('view-as-banner')
  await expect(banner).toContainText('Viewing as Northmere SOC — read-only')
  await expect(facilitator.getByRole('button', { name: 'Back to the white cell' })).toBeFocused()
  const view = facilitator.getByTestId('view-as')
  await expect(view.getByTestId('team-name')).toHaveText('Northmere SOC')
  await expect(view.getByTestId('chat-log')).toContainText('SOC sees offsets on ntp1')
  await expect(view.getByTestId('team-roster')).toContainText('Blair')
  await expect(view.getByTestId('team-roster')).toContainText('online')
  await expect(view.getByLabel('Message to Northmere SOC')).toBeDisabled()
  // What blue writes now reaches the view live, as it reaches blue.
  await sendChat(blue, 'Northmere SOC', 'Checking the reference clock')
  await expect(view.getByTestId('chat-log')).toContainText('Checking the reference clock')
  // Nothing of red's is on the screen: not its chat, not its member.
  // innerText, not textContent: what is on the screen, not the white cell's own panes hidden behind.
  // biome-ignore lint/performance/useDomNodeTextContent: only the rendered text counts here.
  const shown = await facilitator.locator('body').innerText()
  expect(shown).not.toContain('Red-only plan')
  expect(shown).not.toContain('Mallory')

  await facilitator.getByRole('button', { name: 'Back to the white cell' }).click()
  await expect(banner).toHaveCount(0)
  await expect(facilitator.getByTestId('msel')).toBeVisible()
  await expect(facilitator.getByTestId('activity-list')).toContainText(
    'Checking the reference clock',
  )
})

test('a new join code: the old one stops working at once, the new one seats', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: rotated code')
  const facilitator = await newPage(browser)
  await openConsole(facilitator, exercise.id)
  await openPane(facilitator, 'Teams')
  const oldCode = exercise.joinCodes.soc!
  const shownCode = facilitator.getByTestId('join-code-soc')
  await expect(shownCode).toHaveText(oldCode)
  await facilitator.getByRole('button', { name: 'New code for Northmere SOC' }).click()
  await facilitator.getByRole('button', { name: 'Yes, new code' }).click()
  await expect(shownCode).not.toHaveText(oldCode)
  const newCode = ((await shownCode.textContent()) ?? '').trim()
  await expect(facilitator.getByTestId('join-link-soc')).toContainText(`/join/${newCode}`)

  const late = await newPage(browser, 390, 844)
  await late.goto('/')
  await late.getByLabel('Join code').fill(oldCode)
  await late.getByLabel('Your name').fill('Late analyst')
  await late.getByRole('button', { name: 'Join exercise' }).click()
  await expect(late.getByTestId('join-error')).toContainText('No exercise has this join code')
  await joinInUi(late, newCode, 'Late analyst', 'Northmere SOC')
})

test('the facilitator moves a participant: their page says so and shows the new team only', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: move')
  const facilitator = await newPage(browser)
  const blue = await newPage(browser, 1280, 900)
  await openConsole(facilitator, exercise.id)
  await joinInUi(blue, exercise.joinCodes.soc!, 'Blair', 'Northmere SOC')
  await sendChat(blue, 'Northmere SOC', 'SOC-only note before the move')

  await openPane(facilitator, 'Teams')
  const roster = facilitator.getByTestId('participants')
  const member = roster.locator('li[data-participant-id]', { hasText: 'Blair' })
  await expect(member).toContainText('online')
  await roster.getByLabel('Move Blair to').selectOption({ label: 'Northmere OT engineering' })
  await roster.getByRole('button', { name: 'Move Blair', exact: true }).click()
  await expect(
    roster.locator('li[data-team-id="ot"] li[data-participant-id]', { hasText: 'Blair' }),
  ).toContainText('online')

  await expect(blue.getByTestId('console-notice')).toContainText(
    'The facilitator moved you to Northmere OT engineering',
  )
  await expect(blue.getByTestId('team-name')).toHaveText('Northmere OT engineering')
  await expect(blue.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected')
  await expect(blue.getByTestId('chat-log')).not.toContainText('SOC-only note')
  // A reload keeps the new seat.
  await blue.reload()
  await expect(blue.getByTestId('team-name')).toHaveText('Northmere OT engineering')
})
