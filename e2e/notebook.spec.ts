/**
 * The team notebook: members of one team write in it together (text, carets, presence), through
 * a network drop and a reload while offline; another team never receives a byte of it; the
 * facilitator follows it live from the team's card.
 */
import { readFile } from 'node:fs/promises'
import type { APIRequestContext, Browser, Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import {
  createExerciseViaApi,
  documentTextViaApi,
  joinInUi,
  notebookEditor,
  notebookText,
  openConsole,
  openPane,
  openTeamNotebook,
  recordSocketFrames,
  routeSocket,
  storedLocally,
  writeInNotebook,
} from './support'

const SOC = 'Northmere SOC'

// Up to five browsers at once on a 2-core machine: a test may take a while (the configuration's
// timeouts allow for it); each step waits for what its page shows, never for a time.
// A reconnect waits for Socket.IO's back-off (at most 5 s, give or take half) on a busy machine.
const RECONNECT = { timeout: 30_000 }

async function newPage(browser: Browser, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } })
  return context.newPage()
}

/** An exercise with two SOC members in their own browsers, both in the notebook. */
async function socPair(
  browser: Browser,
  request: APIRequestContext,
  title: string,
  beforeJoin: (blair: Page) => Promise<void> = async () => {},
) {
  const exercise = await createExerciseViaApi(request, title)
  const blair = await newPage(browser)
  const casey = await newPage(browser)
  await beforeJoin(blair)
  await joinInUi(blair, exercise.joinCodes.soc!, 'Blair', SOC)
  await joinInUi(casey, exercise.joinCodes.soc!, 'Casey', SOC)
  await openTeamNotebook(blair)
  await openTeamNotebook(casey)
  return { exercise, blair, casey }
}

function status(page: Page) {
  return page.getByTestId('notebook-status')
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1
}

test('two members write together: each sees the other’s text, caret and name', async ({
  browser,
  request,
}) => {
  const { blair, casey } = await socPair(browser, request, 'E2E: notebook together')

  await writeInNotebook(blair, 'Blair: ntp1.corp runs 420 s ahead')
  await expect(notebookEditor(casey)).toContainText('Blair: ntp1.corp runs 420 s ahead')
  await writeInNotebook(casey, 'Casey: checking ntp2.corp')
  await expect(notebookEditor(blair)).toContainText('Casey: checking ntp2.corp')

  // Each sees the other's caret, labelled with the other's name.
  await expect(blair.locator('.collaboration-carets__label', { hasText: 'Casey' })).toBeVisible()
  await expect(casey.locator('.collaboration-carets__label', { hasText: 'Blair' })).toBeVisible()

  for (const [page, self, other] of [
    [blair, 'Blair', 'Casey'],
    [casey, 'Casey', 'Blair'],
  ] as const) {
    const presence = page.getByTestId('notebook-presence')
    await expect(presence).toContainText('In this notebook:')
    await expect(presence.getByRole('listitem').filter({ hasText: self })).toHaveText(
      `${self} (you)`,
    )
    await expect(presence.getByRole('listitem').filter({ hasText: other })).toHaveText(other)
    await expect(status(page)).toHaveText(/Saved/)
  }
})

test('edits made offline on both sides merge when the connection is back, once each', async ({
  browser,
  request,
}) => {
  const { blair, casey } = await socPair(browser, request, 'E2E: notebook offline')
  await writeInNotebook(blair, 'Before the drop')
  await expect(notebookEditor(casey)).toContainText('Before the drop')

  await blair.context().setOffline(true)
  await expect(status(blair)).toHaveText(/Offline: your changes will merge when you reconnect/)
  await writeInNotebook(blair, 'Blair offline: isolating ntp1')
  await writeInNotebook(casey, 'Casey online: paging OT engineering')
  await expect(status(casey)).toHaveText(/Saved/)

  await blair.context().setOffline(false)
  await expect(status(blair)).toHaveText(/Saved/, RECONNECT)
  for (const page of [blair, casey]) {
    await expect(notebookEditor(page)).toContainText('Blair offline: isolating ntp1')
    await expect(notebookEditor(page)).toContainText('Casey online: paging OT engineering')
  }
  const seenByBlair = await notebookText(blair)
  await expect.poll(() => notebookText(casey)).toBe(seenByBlair)
  for (const line of [
    'Before the drop',
    'Blair offline: isolating ntp1',
    'Casey online: paging OT engineering',
  ]) {
    expect(occurrences(seenByBlair, line), line).toBe(1)
  }
})

test('a reload before offline edits were sent keeps them, and they then reach the team', async ({
  browser,
  request,
}) => {
  let socket: Awaited<ReturnType<typeof routeSocket>> | undefined
  const { blair, casey } = await socPair(browser, request, 'E2E: notebook reload', async (page) => {
    socket = await routeSocket(page)
  })
  const blairSocket = socket!
  await writeInNotebook(blair, 'Sent before the drop')
  await expect(notebookEditor(casey)).toContainText('Sent before the drop')

  await blairSocket.block()
  await expect(status(blair)).toHaveText(/Offline/)
  const unsent = 'Blair unsent: reset the VPN gateway clock'
  await writeInNotebook(blair, unsent)
  await expect.poll(() => storedLocally(blair, unsent)).toBe(true)

  // The page itself loads; its socket cannot connect, so nothing of the edit can leave yet.
  await blair.reload()
  await expect(blair.getByRole('heading', { name: 'Opening the exercise…' })).toBeVisible()
  expect(blairSocket.sentContains(unsent)).toBe(false)
  await expect(notebookEditor(casey)).not.toContainText(unsent)

  blairSocket.unblock()
  await expect(blair.getByTestId('team-name')).toHaveText(SOC, RECONNECT)
  await openTeamNotebook(blair)
  await expect(notebookEditor(blair)).toContainText(unsent)
  await expect(notebookEditor(casey)).toContainText(unsent)
  const text = await notebookText(casey)
  await expect.poll(() => notebookText(blair)).toBe(text)
  expect(occurrences(text, unsent)).toBe(1)
  expect(occurrences(text, 'Sent before the drop')).toBe(1)
})

test('another team never receives a byte of the notebook', async ({ browser, request }) => {
  const exercise = await createExerciseViaApi(request, 'E2E: notebook privacy')
  const red = await newPage(browser)
  const redFrames = recordSocketFrames(red)
  await joinInUi(red, exercise.joinCodes.red!, 'Riley', 'Red cell')
  await openTeamNotebook(red)
  const rowan = await newPage(browser)
  await joinInUi(rowan, exercise.joinCodes.red!, 'Rowan', 'Red cell')
  await openTeamNotebook(rowan)

  const blair = await newPage(browser)
  await joinInUi(blair, exercise.joinCodes.soc!, 'Blair', SOC)
  await openTeamNotebook(blair)
  const secret = 'SOC only: the break-glass code is tango-4217'
  await writeInNotebook(blair, secret)
  // Once the server holds it, it has also sent it to every socket it was going to send it to.
  await expect
    .poll(() => documentTextViaApi(request, exercise.id, 'notebook:soc'))
    .toContain(secret)

  // A red member writes after that; once red shows it, red's socket has delivered anything the
  // server sent it before (one socket delivers in order), and red's own notebook came through.
  await writeInNotebook(rowan, 'Red: the shift is running')
  await expect(notebookEditor(red)).toContainText('Red: the shift is running')

  expect(await red.content()).not.toContain('tango-4217')
  // Binary frames are read as UTF-8 too: red's own update is there, blue's is not.
  expect(redFrames.some((frame) => frame.includes('Red: the shift is running'))).toBe(true)
  expect(redFrames.filter((frame) => frame.includes('tango-4217'))).toEqual([])
  expect(redFrames.filter((frame) => frame.includes('notebook:soc'))).toEqual([])
})

test('the facilitator opens a team’s notebook from its card, read-only, and sees it live', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: notebook white cell')
  const facilitator = await newPage(browser)
  const blair = await newPage(browser)
  await joinInUi(blair, exercise.joinCodes.soc!, 'Blair', SOC)
  await openTeamNotebook(blair)
  await writeInNotebook(blair, 'Blair: first note')
  await expect(status(blair)).toHaveText(/Saved/)

  await openConsole(facilitator, exercise.id)
  await openPane(facilitator, 'Teams')
  const card = facilitator.getByTestId('participants').locator('[data-team-id="soc"]')
  await card.getByRole('button', { name: /Open notebook/ }).click()
  const pane = facilitator.getByTestId('notebook')
  const editor = notebookEditor(facilitator)
  await expect(editor).toBeVisible({ timeout: 30_000 }) // the editor's chunk loads on first use
  await expect(pane.getByRole('heading', { name: `${SOC} notebook` })).toBeFocused()
  await expect(editor).toContainText('Blair: first note')
  await expect(editor).toHaveAttribute('aria-readonly', 'true')
  await expect(editor).toHaveAttribute('contenteditable', 'false')
  const editSwitch = pane.getByRole('switch', { name: 'Edit' })
  await expect(editSwitch).toHaveAttribute('aria-checked', 'false')
  await expect(pane.getByRole('toolbar')).toHaveCount(0)

  await writeInNotebook(blair, 'Blair: second note, live')
  await expect(editor).toContainText('Blair: second note, live')
  await expect(blair.getByTestId('notebook-presence')).toContainText('White cell')

  // Edit is an explicit choice; then the white cell writes like a member.
  await editSwitch.click()
  await expect(editSwitch).toHaveAttribute('aria-checked', 'true')
  await expect(editor).toHaveAttribute('contenteditable', 'true')
  await writeInNotebook(facilitator, 'White cell: keep going')
  await expect(notebookEditor(blair)).toContainText('White cell: keep going')
})

test('the toolbar, the scenario-time stamp and the download work at phone width', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: notebook tools')
  const page = await newPage(browser, 390)
  await joinInUi(page, exercise.joinCodes.soc!, 'Dana', SOC)
  await openTeamNotebook(page)
  const noSidewaysScroll = () =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
  await expect.poll(noSidewaysScroll).toBe(true)

  const toolbar = page.getByRole('toolbar', { name: `${SOC} notebook formatting` })
  const bold = toolbar.getByRole('button', { name: 'Bold' })
  await expect(bold).toHaveAttribute('title', /Bold \((Ctrl|Cmd)\+B\)/)
  await writeInNotebook(page, '')
  await bold.click()
  await expect(bold).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.insertText('Decision: pin ntp1 to the GNSS reference')
  // The notebook starts from the team's template: look only at what this test wrote.
  await expect(
    notebookEditor(page).locator('strong', { hasText: 'Decision: pin ntp1' }),
  ).toHaveText('Decision: pin ntp1 to the GNSS reference')
  await bold.click()
  await expect(bold).toHaveAttribute('aria-pressed', 'false')

  await page.keyboard.press('Enter')
  await toolbar.getByRole('button', { name: 'Insert scenario time' }).click()
  await expect(notebookEditor(page)).toContainText(/T\+00:00:00 \(\d\d:\d\d UTC\)/)

  await toolbar.getByRole('button', { name: 'Checklist' }).click()
  await expect(toolbar.getByRole('button', { name: 'Checklist' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await page.keyboard.insertText('Call the substation')
  await expect(
    notebookEditor(page)
      .getByRole('listitem')
      .filter({ hasText: 'Call the substation' })
      .getByRole('checkbox'),
  ).toHaveCount(1)

  // A link that is not http, https or mailto is refused.
  page.once('dialog', (dialog) => void dialog.accept('javascript:alert(1)'))
  await toolbar.getByRole('button', { name: 'Link' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Not a link' })).toBeVisible()
  await expect(notebookEditor(page).locator('a[href^="javascript"]')).toHaveCount(0)

  // Escape leaves the text for the toolbar (Tab indents list items).
  await notebookEditor(page).click()
  await page.keyboard.press('Escape')
  await expect(toolbar.getByRole('button').first()).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(toolbar.getByRole('button', { name: 'Heading 2' })).toBeFocused()

  await expect(status(page)).toHaveText(/Saved/)
  await expect.poll(noSidewaysScroll).toBe(true)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download as Markdown' }).click(),
  ])
  expect(download.suggestedFilename()).toBe('northmere-soc-notebook-T+00h00m00s.md')
  const markdown = await readFile(await download.path(), 'utf8')
  expect(markdown).toContain('Decision: pin ntp1 to the GNSS reference')
  expect(markdown).toContain('Call the substation')
})
