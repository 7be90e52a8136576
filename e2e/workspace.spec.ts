/** The white cell's workspace: one screen, panes by keyboard, and team messages it has not read. */
import type { Page } from '@playwright/test'
import { expect, test } from '@playwright/test'
import {
  createExerciseViaApi,
  joinInUi,
  newPage,
  openConsole,
  openPane,
  openTeamNotebook,
  writeInNotebook,
} from './support'

/** Whether the whole page scrolls (it should not: its panes do). */
function pageScrolls(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement
    return root.scrollHeight > window.innerHeight + 1 || root.scrollWidth > window.innerWidth + 1
  })
}

test('a team writes while the white cell looks elsewhere: the tabs say unread, politely announced', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: unread chat')
  const facilitator = await newPage(browser)
  const blue = await newPage(browser, 1280, 900)
  await openConsole(facilitator, exercise.id)
  await joinInUi(blue, exercise.joinCodes.soc!, 'Blair', 'Northmere SOC')

  // The white cell reads the MSEL, with red's chat beside it.
  await openPane(facilitator, 'Chat')
  await facilitator.getByLabel('Chat with').selectOption('red')
  await openPane(facilitator, 'MSEL')
  await blue.getByLabel('Message to Northmere SOC').fill('Our NTP offsets jumped 200 ms')
  await blue.getByRole('button', { name: 'Send', exact: true }).click()

  const chatTab = facilitator.getByRole('tab', { name: /^Chat/ })
  const activityTab = facilitator.getByRole('tab', { name: /^Activity/ })
  await expect(chatTab).toHaveAccessibleName('Chat 1 unread')
  await expect(activityTab).toHaveAccessibleName('Activity 1 unread')
  await expect(facilitator.getByLabel('Chat with').locator('option[value="soc"]')).toHaveText(
    'Northmere SOC (1 unread)',
  )
  await expect(facilitator.getByTestId('white-cell-announcement')).toHaveText(
    'New chat message from Blair (Northmere SOC): Our NTP offsets jumped 200 ms',
  )
  // The MSEL is still what the white cell looks at.
  await expect(facilitator.getByTestId('msel')).toBeVisible()

  // The activity stream shows it, and once shown it is read; the reply starts from there.
  await openPane(facilitator, 'Activity')
  const stream = facilitator.getByTestId('activity')
  await expect(stream.getByTestId('activity-list')).toContainText('Our NTP offsets jumped 200 ms')
  await expect(activityTab).toHaveAccessibleName('Activity')
  await expect(chatTab).toHaveAccessibleName('Chat')
  await stream.getByRole('button', { name: 'Reply to Northmere SOC' }).click()
  await expect(facilitator.getByLabel('Message to Northmere SOC')).toBeFocused()
  await facilitator.keyboard.type('Noted; watch ntp1.')
  await facilitator.keyboard.press('Enter')
  await expect(blue.getByTestId('chat-log')).toContainText('Noted; watch ntp1.')
  // Its own message is not news to the white cell.
  await expect(chatTab).toHaveAccessibleName('Chat')
})

test('the activity stream counts unread per team and filters by team and kind', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: activity filters')
  const facilitator = await newPage(browser)
  const blue = await newPage(browser, 1280, 900)
  await openConsole(facilitator, exercise.id)
  await joinInUi(blue, exercise.joinCodes.soc!, 'Blair', 'Northmere SOC')

  // The white cell watches red only; the SOC writes meanwhile.
  const stream = facilitator.getByTestId('activity')
  await stream.getByRole('button', { name: 'Red cell', exact: true }).click()
  await expect(stream.getByText('No team has done anything yet.')).toBeVisible()
  await blue.getByLabel('Message to Northmere SOC').fill('Kerberos errors on the VPN')
  await blue.getByRole('button', { name: 'Send', exact: true }).click()

  const socChip = stream.locator('button.chip[data-team-id="soc"]')
  await expect(socChip).toHaveText('Northmere SOC (1 unread)')
  await expect(stream.getByRole('button', { name: /^All teams/ })).toHaveText(
    'All teams (1 unread)',
  )
  await expect(facilitator.getByRole('tab', { name: /^Activity/ })).toHaveAccessibleName(
    'Activity 1 unread',
  )
  await expect(stream.getByTestId('activity-list')).toHaveCount(0)

  // Shown, it is read; switching its kind off hides it again.
  await socChip.click()
  await expect(stream.getByTestId('activity-list')).toContainText('Kerberos errors on the VPN')
  await expect(socChip).toHaveText('Northmere SOC')
  await stream.getByRole('button', { name: 'Chat', exact: true }).click()
  await expect(stream.getByRole('button', { name: 'Chat', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
  await expect(stream.getByTestId('activity-list')).toHaveCount(0)
  await stream.getByRole('button', { name: 'Chat with Northmere SOC' }).click()
  await expect(facilitator.getByLabel('Message to Northmere SOC')).toBeFocused()
})

test("the facilitator's main panes are reachable by keyboard alone", async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: keyboard panes')
  const facilitator = await newPage(browser)
  await openConsole(facilitator, exercise.id)

  // Tab from the page's start reaches the first pane's tab; arrows walk the panes.
  const mselTab = facilitator.getByRole('tab', { name: 'MSEL' })
  await facilitator.locator('body').focus()
  for (let presses = 0; presses < 40; presses++) {
    await facilitator.keyboard.press('Tab')
    if (await mselTab.evaluate((tab) => tab === document.activeElement)) break
  }
  await expect(mselTab).toBeFocused()
  const control = facilitator.getByRole('tablist', { name: 'Exercise control' })
  for (const [pane, shows] of [
    ['Decisions', 'decisions'],
    ['Send inject', 'inject-composer'],
    ['Teams', 'participants'],
    ['Timing chain', 'timing-chain'],
    ['Guide', 'scenario-guide'],
    ['Adjudication', 'adjudication'],
    ['Channels', 'channels-pane'],
    ['Open decisions', 'open-decisions'],
    ['Clock plan', 'clock-plan'],
    ['Observations', 'observations-pane'],
  ] as const) {
    await facilitator.keyboard.press('ArrowRight')
    await expect(control.getByRole('tab', { name: new RegExp(`^${pane}`) })).toBeFocused()
    await expect(facilitator.getByTestId(shows)).toBeVisible()
  }
  await facilitator.keyboard.press('Home')
  await expect(facilitator.getByTestId('msel')).toBeVisible()

  // Tab leaves the tab list for the pane, then on to the activity side, also by arrows.
  const activityTab = facilitator.getByRole('tab', { name: /^Activity/ })
  for (let presses = 0; presses < 200; presses++) {
    await facilitator.keyboard.press('Tab')
    if (await activityTab.evaluate((tab) => tab === document.activeElement)) break
  }
  await expect(activityTab).toBeFocused()
  await facilitator.keyboard.press('ArrowRight')
  await expect(facilitator.getByLabel('Chat with')).toBeVisible()
})

for (const [width, height] of [
  [1366, 768],
  [1920, 1080],
] as const) {
  test(`the workspace fits one ${width}×${height} screen, clock in view, panes scrolling inside`, async ({
    browser,
    request,
  }) => {
    const exercise = await createExerciseViaApi(request, `E2E: fits ${width}`)
    const facilitator = await newPage(browser, width, height)
    await openConsole(facilitator, exercise.id)
    await expect(facilitator.getByTestId('scenario-clock')).toBeInViewport()
    await expect(facilitator.getByTestId('clock-status')).toHaveText(/Not started/)
    expect(await pageScrolls(facilitator)).toBe(false)
    // The long MSEL scrolls in its pane; the clock stays where it was.
    const panel = facilitator.getByRole('tabpanel', { name: 'MSEL' })
    await panel.evaluate((element) => element.scrollTo(0, element.scrollHeight))
    await expect(facilitator.getByTestId('scenario-clock')).toBeInViewport()
    await expect(facilitator.getByRole('tab', { name: /^Chat/ })).toBeInViewport()
    await facilitator.screenshot({ path: test.info().outputPath(`workspace-${width}.png`) })
  })
}

test("a team's notebook writing shows in the white cell's stream, filterable like the rest", async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: notebook activity')
  const facilitator = await newPage(browser)
  const blue = await newPage(browser, 1280, 900)
  await openConsole(facilitator, exercise.id)
  await joinInUi(blue, exercise.joinCodes.soc!, 'Blair', 'Northmere SOC')
  await openTeamNotebook(blue)
  await writeInNotebook(blue, '14:05 offsets on ntp1 at +420 s')

  const stream = facilitator.getByTestId('activity')
  const list = stream.getByTestId('activity-list')
  await expect(list).toContainText("Blair edited Northmere SOC's notebook")
  await stream.getByRole('button', { name: 'Notebooks', exact: true }).click()
  await expect(stream.getByRole('button', { name: 'Notebooks', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
  await expect(facilitator.getByText("Blair edited Northmere SOC's notebook")).toHaveCount(0)
})
