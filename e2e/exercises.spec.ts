/** The facilitator's exercise list: status and people, export, import, archive and delete. */
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { E2E_ADMIN_TOKEN } from './constants'
import { createExerciseViaApi, signInWithLink } from './support'

const TITLE = 'E2E: the list keeps it'

test('the exercise list exports, imports, archives and deletes (with a confirmation)', async ({
  page,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, TITLE)
  const joined = await request.post('/api/join', {
    data: { code: exercise.joinCodes.soc, name: 'Blair' },
  })
  expect(joined.status()).toBe(201)
  await signInWithLink(page)

  const list = page.getByTestId('exercise-list')
  const original = list.locator(`tr[data-exercise-id="${exercise.id}"]`)
  await expect(original.getByRole('rowheader')).toContainText(TITLE)
  await expect(original.getByRole('rowheader')).toContainText('Drill: a quiet shift')
  await expect(original.getByRole('cell').nth(0)).toHaveText('Not started')
  await expect(original.getByRole('cell').nth(1)).toHaveText('1')

  // Export: a file download that holds the exercise's log.
  const downloading = page.waitForEvent('download')
  await original.getByRole('button', { name: `Export: ${TITLE}` }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(
    /^holdover-e2e-the-list-keeps-it-\d{4}-\d\d-\d\d\.json$/,
  )
  const file = test.info().outputPath(download.suggestedFilename())
  await download.saveAs(file)
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { format: string; events: unknown[] }
  expect(exported.format).toBe('holdover.exercise')

  // Import it back: a second exercise of the same title appears.
  const status = page.getByTestId('exercise-list-status')
  const picker = page.getByLabel('Import an exercise (an export file)')
  await picker.setInputFiles(file)
  await expect(status).toHaveText(
    new RegExp(
      `^Imported “${TITLE}” from holdover-e2e-the-list-keeps-it-.+\\.json \\(${exported.events.length} events\\)\\.$`,
    ),
  )
  const copies = list.locator('tr[data-exercise-id]', { hasText: TITLE })
  await expect(copies).toHaveCount(2)
  const copy = list.locator(`tr[data-exercise-id]:not([data-exercise-id="${exercise.id}"])`, {
    hasText: TITLE,
  })
  await expect(copy.getByRole('cell').nth(1)).toHaveText('1')

  // A file that is not an export is refused with a message that says so, and changes nothing.
  await picker.setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not an export'),
  })
  await expect(page.getByTestId('exercise-list-error')).toContainText(
    'notes.txt: This file is not a Holdover export: it is not JSON.',
  )
  await picker.setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"something else"}'),
  })
  await expect(page.getByTestId('exercise-list-error')).toContainText('Not a Holdover export')
  await expect(copies).toHaveCount(2)

  // Archive: the exercise leaves the main list; "Show archived" brings it back into view.
  await original.getByRole('button', { name: `Archive: ${TITLE}` }).click()
  await expect(status).toContainText(`Archived “${TITLE}”`)
  await expect(original).toHaveCount(0)
  await page.getByRole('checkbox', { name: /^Show archived/ }).check()
  await expect(original).toContainText('Archived')
  await original.getByRole('button', { name: `Restore: ${TITLE}` }).click()
  await expect(status).toContainText(`Restored “${TITLE}”`)
  await page.getByRole('checkbox', { name: /^Show archived/ }).uncheck()
  await expect(original).toBeVisible()

  // Delete asks first; Cancel keeps it, Yes removes it for good.
  await copy.getByRole('button', { name: `Delete…: ${TITLE}` }).click()
  await expect(copy.getByText(`Delete “${TITLE}” for good?`)).toBeVisible()
  await expect(copy.getByRole('button', { name: 'Yes, delete it' })).toBeFocused()
  await copy.getByRole('button', { name: 'Cancel' }).click()
  await expect(copies).toHaveCount(2)
  const copyId = await copy.getAttribute('data-exercise-id')
  await copy.getByRole('button', { name: `Delete…: ${TITLE}` }).click()
  await copy.getByRole('button', { name: 'Yes, delete it' }).click()
  await expect(status).toHaveText(`Deleted “${TITLE}”.`)
  await expect(copies).toHaveCount(1)
  const gone = await request.get(`/api/exercises/${copyId}`, {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
  })
  expect(gone.status()).toBe(404)
})
