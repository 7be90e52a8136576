/** Joining: a wrong code, a join link, and a join done with the keyboard alone. */
import { expect, test } from '@playwright/test'
import { createExerciseViaApi } from './support'

test('a wrong join code gets a clear error and no seat', async ({ page }) => {
  await page.goto('/')
  await page.getByLabel('Join code').fill('ZZZZ-ZZZZ')
  await page.getByLabel('Your name').fill('Sam')
  await page.getByRole('button', { name: 'Join exercise' }).click()
  await expect(page.getByTestId('join-error')).toHaveText(
    /No exercise has this join code; check it with your facilitator\./,
  )
  await expect(page.getByLabel('Join code')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByLabel('Join code')).toBeFocused()
  await expect(page).toHaveURL(/\/$/)
})

test('an empty name is caught before anything is sent', async ({ page }) => {
  await page.goto('/join/ABCD-EFGH')
  await expect(page.getByLabel('Join code')).toHaveValue('ABCD-EFGH')
  await page.getByRole('button', { name: 'Join exercise' }).click()
  await expect(page.getByTestId('join-error')).toHaveText(/Enter the name/)
  await expect(page.getByLabel('Your name')).toBeFocused()
})

test('a join link fills in the code', async ({ page, request }) => {
  const exercise = await createExerciseViaApi(request, 'E2E: join link')
  await page.goto(`/join/${exercise.joinCodes.ot}`)
  await expect(page.getByLabel('Join code')).toHaveValue(exercise.joinCodes.ot!)
  await page.getByLabel('Your name').fill('Olu')
  await page.getByRole('button', { name: 'Join exercise' }).click()
  await expect(page).toHaveURL(new RegExp(`/exercise/${exercise.id}$`))
  await expect(page.getByTestId('team-name')).toHaveText('Northmere OT engineering')
  await expect(page.getByTestId('exercise-title')).toHaveText('E2E: join link')
})

test('joining works with the keyboard alone', async ({ page, request }) => {
  const exercise = await createExerciseViaApi(request, 'E2E: keyboard')
  await page.goto('/')
  const code = page.getByLabel('Join code')
  for (let presses = 0; presses < 10; presses++) {
    await page.keyboard.press('Tab')
    if (await code.evaluate((input) => input === document.activeElement)) break
  }
  await expect(code).toBeFocused()
  // Typed in lower case and without the dash: the server reads it all the same.
  await page.keyboard.type(exercise.joinCodes.soc!.toLowerCase().replace('-', ''))
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Your name')).toBeFocused()
  await page.keyboard.type('Kim')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/exercise/${exercise.id}$`))
  await expect(page.getByTestId('team-name')).toHaveText('Northmere SOC')
  // After the navigation focus starts at the new page's heading.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused()
})
