/** Actions: a team that tells OT in time spares it the contingency; a team that does not, does not. */
import type { Browser, Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { createExerciseViaApi, joinInUi, jumpTo, openConsole, openPane } from './support'

const CONTINGENCY = 'Nobody told us IT time was being attacked'

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  return context.newPage()
}

test('OT hears nothing of the contingency when the SOC tells it, and hears it when nobody does', async ({
  browser,
  request,
}) => {
  const acted = await createExerciseViaApi(request, 'E2E: SOC tells OT')
  const idle = await createExerciseViaApi(request, 'E2E: nobody tells OT')
  const facilitator = await newPage(browser)
  const soc = await newPage(browser)
  const ot = await newPage(browser)
  const otIdle = await newPage(browser)
  await joinInUi(soc, acted.joinCodes.soc!, 'Blair', 'Northmere SOC')
  await joinInUi(ot, acted.joinCodes.ot!, 'Olu', 'Northmere OT engineering')
  await joinInUi(otIdle, idle.joinCodes.ot!, 'Ines', 'Northmere OT engineering')

  // The SOC takes "Tell OT engineering", after a confirmation.
  const actions = soc.getByTestId('team-actions')
  const notify = actions.locator('[data-action-id="notify-ot"]')
  await expect(notify).toContainText('Call the OT shift lead')
  await notify.getByRole('button', { name: 'Take action: Tell OT engineering' }).click()
  await expect(notify.getByRole('button', { name: 'Yes, take it' })).toBeFocused()
  await notify.getByRole('button', { name: 'Yes, take it' }).click()
  await expect(notify).toHaveAttribute('data-taken', 'true')
  await expect(notify.getByTestId('action-taken')).toHaveText(/Taken at T\+00:00:00 by you/)
  await expect(actions.locator('[data-action-id="check-reference"]')).toHaveAttribute(
    'data-taken',
    'false',
  )

  // The facilitator sees who did what, and the contingency no longer waits to fire.
  await openConsole(facilitator, acted.id)
  await openPane(facilitator, 'Teams')
  const log = facilitator.getByTestId('actions-log')
  await expect(log.locator('[data-action-id="notify-ot"]')).toContainText('Tell OT engineering')
  await expect(log.locator('[data-action-id="notify-ot"]')).toContainText('Blair')
  await jumpTo(facilitator, 'T+00:55')
  await expect(ot.getByTestId('scenario-clock')).toHaveText('T+00:55:00')
  await expect(
    ot.getByRole('button', { name: 'Are our PMUs affected by the IT time problem?' }),
  ).toBeVisible()
  await expect(ot.locator('body')).not.toContainText(CONTINGENCY)
  await openPane(facilitator, 'MSEL')
  const contingency = facilitator.getByTestId('msel').locator('[data-inject-id="ot-not-told"]')
  await expect(contingency).toHaveAttribute('data-status', 'waiting')
  await expect(contingency.getByTestId('never-due')).toHaveText(
    '("Tell OT engineering" was taken at T+00:00:00: it fires only by hand now)',
  )

  // In the other exercise nobody acts: past T+00:50 OT gets the call.
  await openConsole(facilitator, idle.id)
  await jumpTo(facilitator, 'T+00:55')
  await expect(otIdle.getByRole('button', { name: CONTINGENCY })).toBeVisible()
  await expect(
    facilitator.getByTestId('msel').locator('[data-inject-id="ot-not-told"]'),
  ).toContainText('Fired at T+00:50:00')
})
