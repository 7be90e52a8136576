/**
 * The replay: after a short exercise with notebook edits and an attack, the facilitator seeks to
 * a moment between two edits and reads the notebook as it was, sees the moment as red saw it
 * (none of blue's material), and hands out a replay link that opens the replay in a fresh
 * browser until it is revoked.
 */
import { expect, test } from '@playwright/test'
import {
  createExerciseViaApi,
  documentTextViaApi,
  joinInUi,
  launchAttack,
  newPage,
  openConsole,
  openTeamNotebook,
  writeInNotebook,
} from './support'

test.describe.configure({ timeout: 120_000 })

const FIRST = 'First note: ntp1 is 420 s ahead'
const SECOND = 'Second note: upstream 10.20.0.5 rewritten'
const UPSTREAM = 'Upstream stratum-1 10.20.0.5'

test('a replay seeks between two notebook edits, shows what red saw, and opens from a link until revoked', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: replay')
  const facilitator = await newPage(browser)
  await openConsole(facilitator, exercise.id)
  await facilitator.getByRole('button', { name: 'Start clock' }).click()
  const blue = await newPage(browser)
  const red = await newPage(browser)
  await joinInUi(blue, exercise.joinCodes.soc!, 'Blair', 'Northmere SOC')
  await joinInUi(red, exercise.joinCodes.red!, 'Robin', 'Red cell')

  await openTeamNotebook(blue)
  await writeInNotebook(blue, FIRST)
  await expect.poll(() => documentTextViaApi(request, exercise.id, 'notebook:soc')).toContain(FIRST)
  await launchAttack(red, 'shift-upstream', UPSTREAM)
  await writeInNotebook(blue, SECOND)
  await expect
    .poll(() => documentTextViaApi(request, exercise.id, 'notebook:soc'))
    .toContain(SECOND)

  await facilitator.getByRole('button', { name: 'End exercise…' }).click()
  await facilitator.getByRole('button', { name: 'Yes, end the exercise' }).click()
  await facilitator.getByRole('link', { name: 'Replay', exact: true }).click()

  // The attack's moment lies between the two edits: the notebook reads as it did then.
  const replay = facilitator.getByTestId('replay')
  const launched = replay.getByTestId('replay-entry').filter({ hasText: 'Red cell launched' })
  await launched.click()
  await expect(replay.getByTestId('replay-scenario-time')).toHaveText(/^T\+/)
  const socNotebook = replay
    .getByTestId('replay-notebook')
    .filter({ hasText: 'Northmere SOC notebook' })
  await expect(socNotebook).toContainText(FIRST)
  await expect(socNotebook).not.toContainText(SECOND)
  // The moment's panels only read: no box to write in, nothing to mark read.
  const panels = replay.getByTestId('replay-panels')
  await expect(panels.getByTestId('replay-chat')).toBeAttached()
  await expect(panels.getByRole('textbox')).toHaveCount(0)
  await expect(panels.getByRole('button', { name: 'Mark all as read' })).toHaveCount(0)

  // Seen by red: red's own attack, and nothing of blue's.
  await facilitator.getByLabel('Seen by').selectOption({ label: 'Red cell' })
  const redView = facilitator.locator('[data-seen-by="red"]')
  await expect(redView).toBeVisible()
  await expect(replay.getByTestId('replay-timeline')).toContainText('Red cell launched')
  await expect(replay.getByTestId('replay-notebook')).toHaveCount(1)
  await expect(replay.getByTestId('replay-notebook')).toContainText('Red cell notebook')
  for (const blueMaterial of [FIRST, SECOND, 'Northmere SOC notebook', 'Blair']) {
    await expect(replay).not.toContainText(blueMaterial)
  }

  // A replay link opens the replay in a fresh browser, and stops at once once revoked.
  await facilitator.getByRole('button', { name: 'New replay link' }).click()
  const url = await facilitator.getByTestId('replay-link-url').inputValue()
  const holder = await newPage(browser)
  await holder.goto(url)
  await expect(
    holder.getByTestId('replay-entry').filter({ hasText: 'Red cell launched' }),
  ).toBeVisible()
  await expect(holder.getByRole('button', { name: 'New replay link' })).toHaveCount(0)
  // The link reads the after-action report too.
  const download = holder.waitForEvent('download')
  await holder.getByRole('link', { name: 'After-action report (HTML)' }).click()
  const report = await (await download).createReadStream()
  let html = ''
  for await (const chunk of report) html += chunk
  expect(html).toContain('After-action report: E2E: replay')

  await facilitator.getByRole('button', { name: /^Revoke the link/ }).click()
  await expect(facilitator.getByTestId('replay-link')).toHaveCount(0)
  await holder.reload()
  await expect(holder.getByTestId('replay-error')).toContainText('revoked')
  await expect(holder.getByTestId('replay-entry')).toHaveCount(0)
})
