/** Steps the browser tests share: signing in, creating an exercise, joining, reading the clock. */
import type { APIRequestContext, Page } from '@playwright/test'
import { expect } from '@playwright/test'
import { parseScenarioTime } from '../core/clock/scenarioTime'
import { E2E_ADMIN_TOKEN } from './constants'

/** The scenario the tests run: the short drill shipped in scenarios/. */
export const DRILL = 'drill-ntp-shift'

/** Signs the facilitator in with the printed login link (the token in the fragment). */
export async function signInWithLink(page: Page, path = '/facilitator'): Promise<void> {
  await page.goto(`${path}#token=${encodeURIComponent(E2E_ADMIN_TOKEN)}`)
}

/** Creates an exercise of the drill in the facilitator's UI; returns each team's join code. */
export async function createExerciseInUi(
  page: Page,
  title: string,
): Promise<Record<string, string>> {
  const card = page.locator(`[data-scenario-id="${DRILL}"]`)
  await card.getByLabel('Exercise title (optional)').fill(title)
  await card.getByRole('button', { name: 'Create exercise' }).click()
  const created = page.getByTestId('created-exercise')
  await expect(created).toContainText(`Exercise created: ${title}`)
  const codes: Record<string, string> = {}
  for (const team of ['red', 'soc', 'ot', 'observers']) {
    codes[team] = ((await created.getByTestId(`join-code-${team}`).textContent()) ?? '').trim()
    await expect(created.getByTestId(`join-link-${team}`)).toHaveText(
      new RegExp(`/join/${codes[team]}$`),
    )
  }
  return codes
}

/** Creates an exercise of the drill through the API (for tests about something else). */
export async function createExerciseViaApi(
  request: APIRequestContext,
  title: string,
): Promise<{ id: string; joinCodes: Record<string, string> }> {
  const response = await request.post('/api/exercises', {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    data: { scenarioId: DRILL, title },
  })
  expect(response.status()).toBe(201)
  return (await response.json()) as { id: string; joinCodes: Record<string, string> }
}

/** Joins with a code on the join page, by clicking; waits for the team console. */
export async function joinInUi(
  page: Page,
  code: string,
  name: string,
  teamName: string,
): Promise<void> {
  await page.goto('/')
  await page.getByLabel('Join code').fill(code)
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Join exercise' }).click()
  await expect(page.getByTestId('team-name')).toHaveText(teamName)
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected')
}

/** The scenario time the page shows, in seconds. */
export async function shownScenarioSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('scenario-clock').textContent()) ?? ''
  const seconds = parseScenarioTime(text.trim())
  if (seconds === null) throw new Error(`not a scenario time: '${text}'`)
  return seconds
}

/**
 * Milliseconds from just before `act` starts (the click) to the frame in which an inject titled
 * `title` is in `viewer`'s feed. The viewer's page notes the moment itself, so polling adds nothing.
 */
export async function msUntilInjectShown(
  viewer: Page,
  title: string,
  act: () => Promise<void>,
): Promise<number> {
  await viewer.evaluate((wanted) => {
    const shown = () =>
      [...document.querySelectorAll('[data-testid="inject"]')].some((item) =>
        item.textContent?.includes(wanted),
      )
    ;(window as unknown as { shownAt: Promise<number> }).shownAt = new Promise((resolve) => {
      // Never shown: NaN after 5 s, so the test fails on its assertion rather than a timeout.
      setTimeout(() => resolve(Number.NaN), 5000)
      const whenPainted = () => {
        requestAnimationFrame(() => resolve(Date.now()))
      }
      if (shown()) {
        whenPainted()
        return
      }
      const observer = new MutationObserver(() => {
        if (!shown()) return
        observer.disconnect()
        whenPainted()
      })
      observer.observe(document.body, { childList: true, subtree: true, characterData: true })
    })
  }, title)
  const startedAt = Date.now()
  await act()
  const shownAt = await viewer.evaluate(
    () => (window as unknown as { shownAt: Promise<number> }).shownAt,
  )
  return shownAt - startedAt
}

/** Records every Socket.IO frame a page receives, to show what never reached it. */
export function recordSocketFrames(page: Page): string[] {
  const frames: string[] = []
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => {
      frames.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString())
    })
  })
  return frames
}

/** Opens the facilitator's console of one exercise (signing in with the link) and waits for it. */
export async function openConsole(page: Page, exerciseId: string): Promise<void> {
  await signInWithLink(page, `/facilitator/exercise/${exerciseId}`)
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected')
  await expect(page.getByTestId('msel')).toBeVisible()
}

/**
 * Moves scenario time with the console's Jump control (`time` as `T+hh:mm`) and waits until the
 * paused clock shows it; whatever fell due on the way has then fired.
 */
export async function jumpTo(facilitator: Page, time: string): Promise<void> {
  await facilitator.getByLabel('Jump to (T+hh:mm)').fill(time)
  await facilitator.getByRole('button', { name: 'Jump', exact: true }).click()
  await expect(facilitator.getByTestId('scenario-clock')).toHaveText(`${time}:00`)
}
