/**
 * Dashboards follow pushed twin frames: while the clock runs, the facilitator's plot moves on
 * without the page polling `twin.view`.
 */
import { expect, test } from '@playwright/test'
import { E2E_ADMIN_TOKEN, TWIN_SCENARIO } from './constants'
import { openConsole, openPane } from './support'

test('the plot follows the running clock from pushed frames, with no polling', async ({
  browser,
  request,
}) => {
  const created = await request.post('/api/exercises', {
    headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    data: { scenarioId: TWIN_SCENARIO, title: 'E2E: pushed twin frames' },
  })
  expect(created.status()).toBe(201)
  const exercise = (await created.json()) as { id: string }
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  const sent = { reads: 0 }
  const received = { frames: 0 }
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      if (String(payload).includes('"twin.view"')) sent.reads += 1
    })
    socket.on('framereceived', ({ payload }) => {
      if (String(payload).includes('"twin.frame"')) received.frames += 1
    })
  })
  await openConsole(page, exercise.id)
  await openPane(page, 'Timing chain')
  const chain = page.getByTestId('timing-chain')
  await chain.getByRole('button', { name: /^Radio site 1:/ }).click()
  const caption = chain.locator('.time-plot__caption')
  await page.getByRole('button', { name: 'Start clock' }).click()
  await expect(caption).toContainText(/T\+00:00 to T\+00:00:0[1-9]/)
  const readsBefore = sent.reads
  const framesBefore = received.frames
  const shownAt = (await caption.textContent()) ?? ''
  // Three more seconds of scenario time shown, from frames alone.
  await expect(caption).toContainText(/T\+00:00 to T\+00:00:(0[5-9]|[1-9]\d)/)
  expect((await caption.textContent()) ?? '').not.toBe(shownAt)
  expect(received.frames - framesBefore).toBeGreaterThanOrEqual(4)
  expect(sent.reads - readsBefore).toBe(0)
  await context.close()
})
