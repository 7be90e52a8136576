/** A team console on a phone (390 px wide): everything reads without sideways scrolling. */
import { expect, test } from '@playwright/test'
import { E2E_ADMIN_TOKEN } from './constants'
import { joinInUi } from './support'

// The shipped scenarios whose blue briefings hold wide tables, and the team that gets each.
const WIDE_BRIEFINGS = [
  ['constellation-timing-outage', 'telco', 'Marram Networks synchronisation & NOC'],
  ['gnss-bad-utc-correction', 'noc', 'Kittiwake Mobile NOC'],
] as const

for (const [scenarioId, teamId, teamName] of WIDE_BRIEFINGS) {
  test(`${scenarioId}: ${teamName}'s console at 390 px has no horizontal scroll`, async ({
    browser,
    request,
  }) => {
    const created = await request.post('/api/exercises', {
      headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
      data: { scenarioId, title: `E2E: phone ${scenarioId}` },
    })
    expect(created.status()).toBe(201)
    const { joinCodes } = (await created.json()) as { joinCodes: Record<string, string> }
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await joinInUi(page, joinCodes[teamId]!, 'Pat', teamName)

    const briefing = page.locator('.briefing').first()
    await expect(briefing.locator('table').first()).toBeVisible()
    const overflow = await page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement
      return root.scrollWidth - window.innerWidth
    })
    expect(overflow).toBeLessThanOrEqual(0)
    // The table itself scrolls in its own box, so no column is cut off for good.
    const table = briefing.locator('.markdown__table').first()
    await expect(table).toBeVisible()
    const box = await table.boundingBox()
    expect(box!.x + box!.width).toBeLessThanOrEqual(390)
    await page.screenshot({ path: test.info().outputPath(`${scenarioId}-390.png`), fullPage: true })
  })
}
