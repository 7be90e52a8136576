/** A participant the facilitator removes: the page says so at once, and stays so on reload. */
import { expect, test } from '@playwright/test'
import { io } from 'socket.io-client'
import { E2E_ADMIN_TOKEN, E2E_BASE_URL } from './constants'
import { createExerciseViaApi, joinInUi } from './support'

test('a removed participant is told so, with no reconnect loop', async ({ page, request }) => {
  const { id, joinCodes } = await createExerciseViaApi(request, 'Removal drill')
  await joinInUi(page, joinCodes.red!, 'Mallory', 'Red cell')
  const participantId = await page.evaluate(
    (exerciseId) =>
      (
        JSON.parse(localStorage.getItem(`holdover.session.${exerciseId}`) ?? '{}') as {
          participantId: string
        }
      ).participantId,
    id,
  )

  const white = io(E2E_BASE_URL, { auth: { token: E2E_ADMIN_TOKEN }, transports: ['websocket'] })
  try {
    await white.timeout(5000).emitWithAck('command', { type: 'exercise.open', exerciseId: id })
    const reply = await white
      .timeout(5000)
      .emitWithAck('command', { type: 'participant.remove', participantId })
    expect(reply).toMatchObject({ ok: true })
  } finally {
    white.close()
  }

  const reason = page.getByTestId('refused-reason')
  await expect(reason).toContainText('You were removed from this exercise by the facilitator')
  await page.reload()
  await expect(reason).toContainText('You were removed from this exercise by the facilitator')
  await expect(page.getByTestId('team-name')).toHaveCount(0)
})
