/** A participant the facilitator removes: the page says so at once, and stays so on reload. */
import { expect, test } from '@playwright/test'
import { createExerciseViaApi, joinInUi, openPane, signInWithLink } from './support'

test('the facilitator removes a participant, whose page then says so, with no reconnect loop', async ({
  browser,
  page,
  request,
}) => {
  const { id, joinCodes } = await createExerciseViaApi(request, 'Removal drill')
  await joinInUi(page, joinCodes.red!, 'Mallory', 'Red cell')

  const white = await (await browser.newContext()).newPage()
  await signInWithLink(white, `/facilitator/exercise/${id}`)
  await openPane(white, 'Teams')
  const list = white.getByTestId('participants')
  await list.getByRole('button', { name: 'Remove Mallory' }).click()
  await white.getByRole('button', { name: 'Yes, remove' }).click()
  await expect(list.locator('li[data-participant-id]', { hasText: 'Mallory' })).toContainText(
    '(removed)',
  )
  await expect(list.getByRole('button', { name: 'Remove Mallory' })).toHaveCount(0)

  const reason = page.getByTestId('refused-reason')
  await expect(reason).toContainText('You were removed from this exercise by the facilitator')
  await page.reload()
  await expect(reason).toContainText('You were removed from this exercise by the facilitator')
  await expect(page.getByTestId('team-name')).toHaveCount(0)
})
