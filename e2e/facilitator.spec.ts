/** The facilitator's sign-in and the console's handling of refused commands. */
import { expect, test } from '@playwright/test'
import { E2E_ADMIN_TOKEN } from './constants'
import { createExerciseViaApi, signInWithLink } from './support'

test('a typed token is checked: a wrong one is refused clearly, the right one signs in', async ({
  page,
}) => {
  await page.goto('/facilitator')
  await page.getByLabel('Admin token').fill('not-the-token')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByTestId('sign-in-error')).toHaveText(/admin token is not valid/)
  await page.getByLabel('Admin token').fill(E2E_ADMIN_TOKEN)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Facilitator console' })).toBeVisible()
  // Kept for the next visit.
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Start a new exercise' })).toBeVisible()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByLabel('Admin token')).toBeVisible()
})

test('a login link with a wrong token lands on the sign-in form with the reason', async ({
  page,
}) => {
  await page.goto('/facilitator#token=stale-token')
  await expect(page.getByTestId('sign-in-error')).toHaveText(/admin token is not valid/)
  expect(page.url()).not.toContain('stale-token')
})

test('a refused command is shown in an alert', async ({ page, request }) => {
  const exercise = await createExerciseViaApi(request, 'E2E: refusals')
  await signInWithLink(page, `/facilitator/exercise/${exercise.id}`)
  await expect(page.getByTestId('exercise-title')).toHaveText('E2E: refusals')
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected')
  await page.getByRole('button', { name: 'Start clock' }).click()
  await expect(page.getByTestId('clock-status')).toContainText('Running ×1')

  // Scenario time only moves forward: the server refuses, and says why.
  await page.getByLabel('Jump to (T+hh:mm)').fill('T+00:30')
  await page.getByRole('button', { name: 'Jump', exact: true }).click()
  await page.getByRole('button', { name: 'Yes, jump to T+00:30:00' }).click()
  await expect(page.getByTestId('scenario-clock')).toHaveText(/T\+00:30:0\d/)
  await page.getByLabel('Jump to (T+hh:mm)').fill('00:10')
  await page.getByRole('button', { name: 'Jump', exact: true }).click()
  await page.getByRole('button', { name: 'Yes, jump to T+00:10:00' }).click()
  await expect(page.getByTestId('command-error')).toContainText('Scenario time only moves forward')
  // The injects due on the way fired at their own times.
  await expect(page.locator('[data-inject-id="siem-offset"]')).toContainText('Fired at T+00:10:00')

  // A custom speed outside 1–3600 is caught in the form.
  await page.getByLabel('Custom speed (1–3600)').fill('5000')
  await page.getByRole('button', { name: 'Set speed' }).click()
  await expect(page.getByText('A speed from 1 to 3600.')).toBeVisible()
  await page.getByLabel('Custom speed (1–3600)').fill('120')
  await page.getByRole('button', { name: 'Set speed' }).click()
  await expect(page.getByTestId('clock-status')).toContainText('Running ×120')
})
