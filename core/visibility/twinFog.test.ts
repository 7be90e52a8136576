import { describe, expect, it } from 'vitest'
import type { Audience } from '../protocol/viewer'
import { buildTwin } from '../twin/buildTwin'
import { evaluateTwin } from '../twin/evaluateTwin'
import { exampleChain } from '../twin/exampleChain'
import { plottedMonitors, readWindow, twinPictureFor } from './twinFog'

const white: Audience = { role: 'facilitator' }
const twin = buildTwin(exampleChain, { seed: 3 })
const watched = twin.nodes.find(
  (node) =>
    node.monitoredBy.length > 0 && node.monitors.some((m) => m.observable.startsWith('offset-')),
)!
const watcher: Audience = { role: 'team', teamId: watched.monitoredBy[0]! }
const span = { nodeIds: [watched.id], fromT: 100, toT: 900, points: 10 }

describe('when an audience may read the twin', () => {
  it('lets the white cell read ahead of now, span and all (a projection)', () => {
    expect(readWindow(white, { t: 5000, series: span }, 600)).toEqual({
      ok: true,
      t: 5000,
      series: span,
    })
  })

  it("cuts a team's moment and the end of its span to now", () => {
    expect(readWindow(watcher, { t: 5000, series: span }, 600)).toEqual({
      ok: true,
      t: 600,
      series: { ...span, toT: 600 },
    })
    expect(readWindow(watcher, {}, 600)).toEqual({ ok: true, t: 600 })
  })

  it('refuses a team a span that starts after now, saying so', () => {
    const window = readWindow(watcher, { series: { ...span, fromT: 700 } }, 600)
    expect(window.ok).toBe(false)
    if (!window.ok) expect(window.message).toMatch(/starts at 700 s, after now \(600 s/)
  })
})

describe('what an audience sees of the twin at a moment', () => {
  const now = evaluateTwin(twin, [], 600)

  it('gives the white cell every node with its truth', () => {
    const picture = twinPictureFor(now, white)
    expect(picture.nodes?.map((node) => node.id)).toEqual(twin.nodes.map((node) => node.id))
  })

  it('gives a team no node truth, only observations its monitoring makes', () => {
    const picture = twinPictureFor(now, watcher)
    expect(picture.nodes).toBeUndefined()
    expect(picture.observations.length).toBeGreaterThan(0)
    for (const seen of picture.observations) expect(seen.teams).toContain(watcher.teamId)
  })

  it("plots a team's offsets only on nodes it monitors", () => {
    const team = watcher.role === 'team' ? watcher.teamId : ''
    for (const node of twin.nodes) {
      const plotted = plottedMonitors(node, team)
      if (!node.monitoredBy.includes(team)) expect(plotted, node.id).toEqual([])
      for (const monitor of plotted) expect(monitor.observable).toMatch(/^offset-vs-/)
    }
    expect(twin.nodes.some((node) => plottedMonitors(node, team).length > 0)).toBe(true)
  })
})
