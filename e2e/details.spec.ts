/** Small things a person notices: a jump asks first, and a join link leaves only the name to type. */
import { expect, test } from '@playwright/test'
import { createExerciseViaApi, openConsole } from './support'

test('a clock jump cannot be undone, so it asks first; Cancel changes nothing', async ({
  page,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: jump asks')
  await openConsole(page, exercise.id)
  await page.getByLabel('Jump to (T+hh:mm)').fill('T+00:45')
  const jump = page.getByRole('button', { name: 'Jump', exact: true })
  await jump.click()
  await expect(
    page.getByText(/^Jump to T\+00:45:00\? Scenario time only moves forward/),
  ).toBeVisible()
  const yes = page.getByRole('button', { name: 'Yes, jump to T+00:45:00' })
  await expect(yes).toBeFocused()

  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(yes).toHaveCount(0)
  await expect(jump).toBeFocused()
  await expect(page.getByTestId('scenario-clock')).toHaveText('T+00:00:00')
  await expect(page.locator('[data-inject-id="siem-offset"]')).toHaveAttribute(
    'data-status',
    'upcoming',
  )

  await jump.click()
  await page.getByRole('button', { name: 'Yes, jump to T+00:45:00' }).click()
  await expect(page.getByTestId('scenario-clock')).toHaveText('T+00:45:00')
  await expect(page.locator('[data-inject-id="siem-offset"]')).toHaveAttribute(
    'data-status',
    'fired',
  )
})

test('a join link puts the cursor in the name field', async ({ page, request }) => {
  const exercise = await createExerciseViaApi(request, 'E2E: join focus')
  await page.goto(`/join/${exercise.joinCodes.soc}`)
  await expect(page.getByLabel('Join code')).toHaveValue(exercise.joinCodes.soc!)
  await expect(page.getByLabel('Your name')).toBeFocused()
  await page.keyboard.type('Blair')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('team-name')).toHaveText('Northmere SOC')
})
