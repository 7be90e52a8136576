/** Steps the browser tests share: signing in, creating an exercise, joining, reading the clock. */
import type { APIRequestContext, Browser, Page, WebSocketRoute } from '@playwright/test'
import { expect } from '@playwright/test'
import { parseScenarioTime } from '../core/vocabulary/scenarioTime'
import { E2E_ADMIN_TOKEN } from './constants'

/** The scenario the tests run: the short drill shipped in scenarios/. */
export const DRILL = 'drill-ntp-shift'

/** A page in a context of its own (its own storage: another person), at a laptop's size by default. */
export async function newPage(browser: Browser, width = 1366, height = 768): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } })
  return context.newPage()
}

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
  scenarioId: string = DRILL,
): Promise<{ id: string; joinCodes: Record<string, string>; evaluatorCode: string }> {
  const response = await request.post('/api/exercises', {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    data: { scenarioId, title },
  })
  expect(response.status()).toBe(201)
  return (await response.json()) as {
    id: string
    joinCodes: Record<string, string>
    evaluatorCode: string
  }
}

/** Red launches `attackId` on the target labelled `targetLabel`, confirming, and sees it launched. */
export async function launchAttack(
  red: Page,
  attackId: string,
  targetLabel: string,
): Promise<void> {
  const attack = red.getByTestId('attacks').locator(`[data-attack-id="${attackId}"]`)
  await attack.getByLabel('Target').selectOption({ label: targetLabel })
  await attack.getByRole('button', { name: /^Launch:/ }).click()
  const yes = attack.getByRole('button', { name: 'Yes, launch it' })
  await expect(yes).toBeFocused()
  await yes.click()
  await expect(attack.getByTestId('attack-launched')).toContainText(`on ${targetLabel} by you`)
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
      // Never shown: NaN after 20 s, so the test fails on its assertion rather than a timeout.
      setTimeout(() => resolve(Number.NaN), 20_000)
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
  await facilitator.getByRole('button', { name: `Yes, jump to ${time}:00` }).click()
  await expect(facilitator.getByTestId('scenario-clock')).toHaveText(`${time}:00`)
}

/** The facilitator's workspace panes, each behind a tab named so. */
export type WorkspacePane =
  | 'MSEL'
  | 'Decisions'
  | 'Send inject'
  | 'Teams'
  | 'Timing chain'
  | 'Guide'
  | 'Activity'
  | 'Chat'
  | 'Adjudication'
  | 'Channels'
  | 'Open decisions'
  | 'Clock plan'
  | 'Observations'
  | 'Hot wash'

/** Brings one pane of the facilitator's workspace into view (its tab's name may carry a count). */
export async function openPane(facilitator: Page, pane: WorkspacePane): Promise<void> {
  const tab = facilitator.getByRole('tab', { name: new RegExp(`^${pane}\\b`) })
  await tab.click()
  await expect(tab).toHaveAttribute('aria-selected', 'true')
}

/** The editor of the notebook open on `page` (named "<Team> notebook"). */
export function notebookEditor(page: Page) {
  return page.getByRole('textbox', { name: /notebook$/ })
}

/** The plain text the server holds of a shared document (the documents route, as the facilitator). */
export async function documentTextViaApi(
  request: APIRequestContext,
  exerciseId: string,
  doc: string,
): Promise<string> {
  const response = await request.get(
    `/api/exercises/${exerciseId}/documents/${encodeURIComponent(doc)}`,
    { headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` } },
  )
  expect(response.status()).toBe(200)
  return ((await response.json()) as { text: string }).text
}

/** The notebook's text as its reader sees it, one line per block, others' caret labels left out. */
export async function notebookText(page: Page): Promise<string> {
  return notebookEditor(page).evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
    return [...copy.querySelectorAll('p, h1, h2, h3, li > div, pre, th, td')]
      .filter((block) => !block.querySelector('p, pre'))
      .map((block) => block.textContent ?? '')
      .join('\n')
  })
}

/** Opens the team's notebook tab on a participant's console and waits until it is in sync. */
export async function openTeamNotebook(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Notebook' }).click()
  // The editor's chunk (~180 KB gzip) loads on first use: on a busy machine that takes a while.
  await expect(notebookEditor(page)).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('notebook-status')).toHaveText(/Saved/)
}

/** Puts the caret at the end of the notebook and types `text` as one input (one Yjs update). */
export async function writeInNotebook(page: Page, text: string): Promise<void> {
  const editor = notebookEditor(page)
  await editor.click()
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.press('Enter')
  await page.keyboard.insertText(text)
}

/**
 * Routes a page's Socket.IO WebSocket through the test, so that it can be cut (as a network drop)
 * and kept from connecting again, with every frame the page sent recorded. A blocked socket is
 * held open but silent (a socket closed before it opens leaves Socket.IO waiting for its connect
 * timeout); unblocking connects the held ones to the server, so the handshake then goes through.
 */
export async function routeSocket(page: Page) {
  const sent: Buffer[] = []
  const open = new Set<WebSocketRoute>()
  const held = new Set<WebSocketRoute>()
  let blocked = false
  const connect = (ws: WebSocketRoute) => {
    const server = ws.connectToServer()
    ws.onMessage((message) => {
      sent.push(Buffer.from(message))
      server.send(message)
    })
    server.onMessage((message) => ws.send(message))
    ws.onClose(() => {
      open.delete(ws)
      void server.close()
    })
    server.onClose(() => {
      open.delete(ws)
      void ws.close()
    })
    open.add(ws)
  }
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (!blocked) {
      connect(ws)
      return
    }
    held.add(ws)
    ws.onMessage((message) => {
      sent.push(Buffer.from(message))
    })
    ws.onClose(() => held.delete(ws))
  })
  return {
    /** Whether any frame the page sent holds `text` (as UTF-8). */
    sentContains: (text: string) => sent.some((frame) => frame.includes(text)),
    /** Drops the connection and keeps new ones from reaching the server until `unblock`. */
    block: async () => {
      blocked = true
      const current = [...open]
      open.clear()
      await Promise.all(current.map((ws) => ws.close()))
    },
    unblock: () => {
      blocked = false
      for (const ws of held) connect(ws)
      held.clear()
    },
  }
}

/** Whether this page's IndexedDB holds `text` (as UTF-8) in any y-indexeddb update. */
export async function storedLocally(page: Page, text: string): Promise<boolean> {
  return page.evaluate(async (wanted) => {
    const needle = new TextEncoder().encode(wanted)
    const holds = (bytes: Uint8Array) => {
      outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
        for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer
        return true
      }
      return false
    }
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name)
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      try {
        if (!db.objectStoreNames.contains('updates')) continue
        const updates = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction('updates').objectStore('updates').getAll()
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
        if (updates.some((update) => update instanceof Uint8Array && holds(update))) return true
      } finally {
        db.close()
      }
    }
    return false
  }, text)
}
