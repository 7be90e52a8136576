/**
 * Red tunes an attack in the launch dialog: the catalogue's parameter with its default filled in,
 * a value out of bounds refused on the spot, and a tuned launch done from the keyboard alone.
 */
import { expect, test } from '@playwright/test'
import { E2E_ADMIN_TOKEN } from './constants'
import { createExerciseViaApi, joinInUi, openConsole, openPane } from './support'

test('red launches a shift tuned to 300 s, from the keyboard', async ({
  page,
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: tuned attack')
  await joinInUi(page, exercise.joinCodes.red!, 'Riley', 'Red cell')

  const attack = page.getByTestId('attacks').locator('[data-attack-id="shift-upstream"]')
  const shift = attack.getByLabel('Shift (s)')
  await expect(shift).toHaveValue('420')
  await expect(attack.getByTestId('attack-params')).toContainText('0.2 to 999 s')
  // An attack that declares nothing to tune offers nothing.
  await expect(
    page.locator('[data-attack-id="kod-honest-upstream"]').getByTestId('attack-params'),
  ).toHaveCount(0)

  // Out of bounds: refused before anything is sent.
  await shift.fill('1e300')
  const launchButton = attack.getByRole('button', { name: /^Launch:/ })
  await launchButton.click()
  await expect(shift).toHaveAttribute('aria-invalid', 'true')
  await expect(attack.getByRole('alert')).toHaveText('0.2 to 999 s, please.')
  await expect(attack.getByRole('button', { name: 'Yes, launch it' })).toHaveCount(0)

  // The keyboard alone: type the value, pick the target, launch, confirm.
  await shift.focus()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type('300')
  await expect(shift).not.toHaveAttribute('aria-invalid', 'true')
  await attack.getByLabel('Target').focus()
  await attack
    .getByLabel('Target')
    .selectOption({ label: 'Upstream stratum-1 10.20.0.7 (other path)' })
  await launchButton.focus()
  await page.keyboard.press('Enter')
  const yes = attack.getByRole('button', { name: 'Yes, launch it' })
  await expect(yes).toBeFocused()
  await expect(attack).toContainText('with Shift 300 s now?')
  await page.keyboard.press('Enter')
  await expect(attack.getByTestId('attack-launched')).toContainText(
    'on Upstream stratum-1 10.20.0.7 (other path) by you (Shift 300 s)',
  )
  await expect(shift).toHaveValue('420')

  // Exercise control sees what was tuned.
  const facilitator = await (await browser.newContext()).newPage()
  await openConsole(facilitator, exercise.id)
  await openPane(facilitator, 'Timing chain')
  await expect(facilitator.getByTestId('attacks-launched')).toContainText(
    'on Upstream stratum-1 10.20.0.7 (other path), Shift 300 s',
  )

  // The twin got the tuned shift, and nothing else changed in the attack.
  const log = await request.get(`/api/exercises/${exercise.id}/events`, {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
  })
  const events = (await log.json()) as { type: string; effect?: Record<string, unknown> }[]
  expect(events.find((e) => e.type === 'twin.effectApplied')?.effect).toMatchObject({
    kind: 'ntp-shift',
    target: 'up-7',
    offsetS: 300,
    method: 'rewrite',
  })
})
