/** Decisions: a team answers and the branch it chose plays out; the facilitator opens and decides. */
import type { Browser, Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import { createExerciseViaApi, joinInUi, jumpTo, openConsole, openPane } from './support'

const QUESTION = 'Declare a major incident now?'
const DECLARED = 'Major incident bridge is open'
const WAITED = 'Why am I hearing this from the service desk?'

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  return context.newPage()
}

test('the SOC declares a major incident: it gets the bridge, never the CIO’s call', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: declare')
  const facilitator = await newPage(browser)
  const soc = await newPage(browser)
  await joinInUi(soc, exercise.joinCodes.soc!, 'Blair', 'Northmere SOC')
  await openConsole(facilitator, exercise.id)
  await openPane(facilitator, 'Decisions')
  const control = facilitator.locator('[data-decision-id="declare-major-incident"]')
  await expect(control).toHaveAttribute('data-state', 'pending')
  await expect(control).toContainText('Opens after "Users cannot log in to the VPN"')

  // The help-desk call at T+00:35 opens the decision, deadline T+00:45.
  await jumpTo(facilitator, 'T+00:36')
  await expect(control).toHaveAttribute('data-state', 'open')
  await expect(control.getByTestId('deadline-countdown')).toHaveText('(closes in 00:09:00)')

  // The team is told, and the decision counts as unread until opened.
  const decision = soc.getByTestId('decision').filter({ hasText: QUESTION })
  await expect(decision).toHaveAttribute('data-unread', 'true')
  await expect(soc.getByTestId('decision-announcer')).toHaveText(`New decision: ${QUESTION}`)
  await expect(soc.getByTestId('unread-count')).toHaveAttribute('data-count', '4')
  // An open decision shows expanded at once; it stays new until someone works on it.
  await expect(decision).toContainText('Kerberos failures are spreading.')
  await expect(decision.getByTestId('deadline-countdown')).toHaveText('Closes in 00:09:00')
  // Answered with the keyboard alone.
  const toggle = soc.getByRole('button', { name: QUESTION })
  await toggle.focus()
  await soc.keyboard.press('Tab')
  await expect(decision.getByRole('radio', { name: 'Declare a major incident' })).toBeFocused()
  await soc.keyboard.press('Tab')
  await expect(decision.getByRole('button', { name: 'Answer' })).toBeFocused()
  await soc.keyboard.press('Enter')
  await expect(decision.getByRole('alert')).toHaveText('Choose an option first.')
  // Back into the radio group (at its last option), then up to the first.
  await soc.keyboard.press('Shift+Tab')
  await expect(decision.getByRole('radio', { name: 'Keep investigating for now' })).toBeFocused()
  await soc.keyboard.press('ArrowUp')
  await expect(decision.getByRole('radio', { name: 'Declare a major incident' })).toBeChecked()
  // Choosing an option reads it.
  await expect(decision).toHaveAttribute('data-unread', 'false')
  await expect(soc.getByTestId('unread-count')).toHaveAttribute('data-count', '3')
  await soc.keyboard.press('Tab')
  await soc.keyboard.press('Enter')
  // The first answer decides for the team: it asks first, with the focus on its "Yes".
  await expect(decision).toContainText('Answer “Declare a major incident” for the whole team?')
  await expect(decision.getByRole('button', { name: 'Yes, answer for the team' })).toBeFocused()
  await soc.keyboard.press('Enter')
  await expect(decision).toHaveAttribute('data-state', 'closed')
  await expect(decision.getByTestId('decision-outcome')).toHaveText(
    'Declare a major incident (answered by you)',
  )
  await expect(toggle).toBeFocused()
  await expect(control).toHaveAttribute('data-state', 'closed')
  await expect(control.getByTestId('decision-outcome')).toContainText(
    'Declare a major incident (answered by Blair)',
  )

  // Time passes: the declared branch plays out, the other never does.
  await jumpTo(facilitator, 'T+01:00')
  await expect(soc.getByTestId('scenario-clock')).toHaveText('T+01:00:00')
  await expect(soc.getByRole('button', { name: DECLARED })).toBeVisible()
  await expect(soc.locator('body')).not.toContainText(WAITED)
  await openPane(facilitator, 'MSEL')
  const msel = facilitator.getByTestId('msel')
  await expect(msel.locator('[data-inject-id="major-incident"]')).toContainText(
    'Fired at T+00:38:00',
  )
  await expect(msel.locator('[data-inject-id="cio-call"]')).toHaveAttribute(
    'data-status',
    'waiting',
  )
})

test('the facilitator opens a decision by hand and decides it for the team', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: decide for the team')
  const facilitator = await newPage(browser)
  const soc = await newPage(browser)
  await joinInUi(soc, exercise.joinCodes.soc!, 'Blair', 'Northmere SOC')
  await openConsole(facilitator, exercise.id)
  await openPane(facilitator, 'Decisions')
  const control = facilitator.locator('[data-decision-id="declare-major-incident"]')

  await control.getByRole('button', { name: `Open now: ${QUESTION}` }).click()
  await expect(control).toHaveAttribute('data-state', 'open')
  const decision = soc.getByTestId('decision').filter({ hasText: QUESTION })
  await expect(decision).toHaveAttribute('data-state', 'open')

  await control.getByRole('radio', { name: 'Keep investigating for now' }).check()
  await control.getByRole('button', { name: 'Decide for the team' }).click()
  await expect(control.getByTestId('decision-outcome')).toContainText(
    'Keep investigating for now (answered by exercise control)',
  )
  await expect(decision).toHaveAttribute('data-state', 'closed')
  await expect(soc.getByTestId('decision-announcer')).toContainText(`Decision closed: ${QUESTION}`)

  await jumpTo(facilitator, 'T+00:05')
  await expect(soc.getByRole('button', { name: WAITED })).toBeVisible()
  await expect(soc.locator('body')).not.toContainText(DECLARED)
})
