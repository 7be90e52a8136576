/** The white cell's timing-chain dashboards read cleanly at laptop and projector sizes. */
import { expect, test } from '@playwright/test'
import { E2E_ADMIN_TOKEN, TWIN_SCENARIO } from './constants'
import { jumpTo, openConsole, openPane } from './support'

for (const [width, height] of [
  [1366, 768],
  [1920, 1080],
] as const) {
  test(`the chain's labels and the time-error plot fit at ${width}×${height}`, async ({
    browser,
    request,
  }) => {
    const response = await request.post('/api/exercises', {
      headers: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
      data: { scenarioId: TWIN_SCENARIO, title: `E2E: dashboards ${width}` },
    })
    const { id } = (await response.json()) as { id: string }
    const page = await (await browser.newContext({ viewport: { width, height } })).newPage()
    await openConsole(page, id)
    await jumpTo(page, 'T+02:00')
    await openPane(page, 'Timing chain')
    const chain = page.getByTestId('timing-chain')
    const first = chain.locator('.chain-node').first()
    await first.click()
    const plot = chain.getByTestId('time-error-plot')
    await expect(plot.locator('canvas')).toBeVisible()
    await page.screenshot({ path: test.info().outputPath(`dashboards-${width}.png`) })
    await plot.screenshot({ path: test.info().outputPath(`plot-${width}.png`) })

    // Every node's label can be read whole: scrolled to, it lies inside the graph's box, and no
    // line of it is cut off.
    const clipped = await chain.locator('.chain-graph__scroll').evaluate((scroller) => {
      const out: string[] = []
      for (const node of scroller.querySelectorAll<HTMLElement>('.chain-node')) {
        node.scrollIntoView({ block: 'nearest', inline: 'nearest' })
        const box = scroller.getBoundingClientRect()
        const own = node.getBoundingClientRect()
        const label = node.querySelector<HTMLElement>('.chain-node__label')
        const cut = label ? label.scrollHeight > label.clientHeight + 1 : false
        if (own.right > box.right + 1 || own.left < box.left - 1 || cut) {
          out.push(label?.textContent ?? node.dataset.nodeId ?? '')
        }
      }
      return out
    })
    expect(clipped).toEqual([])

    // The legend is laid out as a legend: one row of series, each with its marker and value.
    const legend = plot.locator('.u-legend')
    await expect(legend).toBeVisible()
    const legendBox = await legend.boundingBox()
    const plotBox = await plot.boundingBox()
    expect(legendBox!.width).toBeLessThanOrEqual(plotBox!.width + 1)
    await expect(legend.locator('.u-series').nth(1).locator('.u-marker')).toBeVisible()
  })
}
