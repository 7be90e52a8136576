/** What people write reaches others safely: inject bodies as sanitized Markdown, chat as plain text. */
import { expect, test } from '@playwright/test'
import { createExerciseViaApi, joinInUi, openPane, signInWithLink } from './support'

const HOSTILE_BODY = [
  '**Bold claim** and a [source](https://example.org/report).',
  '',
  '- first point',
  '- second point',
  '',
  '| server | offset |',
  '|---|---|',
  '| ntp1 | +212 ms |',
  '',
  '<script>window.__pwned = "script"</script>',
  '',
  '<img src="x" onerror="window.__pwned = \'img\'">',
  '',
  '[harmless looking](javascript:window.__pwned=1)',
].join('\n')

test('markdown renders; script, img onerror and javascript: links do not', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: markdown')
  const facilitator = await (await browser.newContext()).newPage()
  const blue = await (await browser.newContext()).newPage()
  const dialogs: string[] = []
  for (const page of [facilitator, blue])
    page.on('dialog', (dialog) => dialogs.push(dialog.message()))

  await joinInUi(blue, exercise.joinCodes.soc!, 'Blair', 'Northmere SOC')
  await signInWithLink(facilitator, `/facilitator/exercise/${exercise.id}`)
  await openPane(facilitator, 'Send inject')
  const composer = facilitator.getByTestId('inject-composer')
  await composer.getByRole('checkbox', { name: /Northmere SOC/ }).check()
  await composer.getByLabel('Title').fill('Markdown check')
  await composer.getByLabel('Body (Markdown)').fill(HOSTILE_BODY)

  // The composer's preview is rendered the same way.
  const preview = facilitator.getByTestId('composer-preview')
  await expect(preview.locator('strong')).toHaveText('Bold claim')
  await expect(preview.locator('img, script, [onerror]')).toHaveCount(0)

  await composer.getByRole('button', { name: 'Send inject' }).click()
  await blue.getByRole('button', { name: 'Markdown check' }).click()
  const body = blue.getByTestId('inject').filter({ hasText: 'Markdown check' }).locator('.markdown')
  await expect(body.locator('strong')).toHaveText('Bold claim')
  await expect(body.locator('li')).toHaveText(['first point', 'second point'])
  await expect(body.locator('td')).toHaveText(['ntp1', '+212 ms'])
  const source = body.getByRole('link', { name: 'source' })
  await expect(source).toHaveAttribute('href', 'https://example.org/report')
  await expect(source).toHaveAttribute('rel', 'noopener noreferrer')

  // Nothing of the HTML became elements, and the javascript: link lost its URL.
  await expect(body.locator('img, script, iframe, [onerror]')).toHaveCount(0)
  const hrefs = await body
    .locator('a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
  expect(hrefs.filter((href) => href.toLowerCase().startsWith('javascript:'))).toEqual([])
  await body.getByText('harmless looking').click()

  for (const page of [facilitator, blue]) {
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
    ).toBeUndefined()
  }
  expect(dialogs).toEqual([])
})

test('team chat reaches the team and the facilitator, as plain text', async ({
  browser,
  request,
}) => {
  const exercise = await createExerciseViaApi(request, 'E2E: chat')
  const facilitator = await (await browser.newContext()).newPage()
  const blue = await (await browser.newContext()).newPage()
  await joinInUi(blue, exercise.joinCodes.soc!, 'Blair', 'Northmere SOC')
  await signInWithLink(facilitator, `/facilitator/exercise/${exercise.id}`)
  await openPane(facilitator, 'Chat')
  await facilitator.getByLabel('Chat with').selectOption('soc')

  await blue.getByLabel('Message to Northmere SOC').fill('ntp2 agrees with ntp1 <b>now</b>')
  await blue.keyboard.press('Enter')
  await expect(blue.getByTestId('chat-log')).toContainText('You')
  await expect(blue.getByTestId('chat-log')).toContainText('ntp2 agrees with ntp1 <b>now</b>')
  await expect(facilitator.getByTestId('chat-log')).toContainText('Blair')
  await expect(facilitator.getByTestId('chat-log').locator('b')).toHaveCount(0)

  await facilitator.getByLabel('Message to Northmere SOC').fill('Noted; keep watching.')
  await facilitator.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(blue.getByTestId('chat-log')).toContainText('Exercise control')
  await expect(blue.getByTestId('chat-log')).toContainText('Noted; keep watching.')
})
