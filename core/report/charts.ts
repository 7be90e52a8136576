/**
 * The report's charts as SVG text, built without a DOM so the server can inline them in the HTML
 * export and the page can show the same pictures: a node's time error against its tolerance
 * bands, a swim lane per team, and the status of the nodes that changed over time. Every text
 * that comes from the scenario or the players is escaped.
 */

import { escapeHtml } from '../text/escape'
import { formatNs } from '../twin/alertMessage'
import { formatScenarioTime } from '../vocabulary/scenarioTime'
import type { ReportTeam, StatusSeries, TimeErrorSeries, TimelineMark } from './model'

const WIDTH = 720
const LEFT = 150
const RIGHT = 16
const PLOT = WIDTH - LEFT - RIGHT

export const STATUS_COLOURS = { ok: '#2e7d32', degraded: '#f9a825', failed: '#c62828' } as const
const MARK_COLOURS: Readonly<Record<TimelineMark['kind'], string>> = {
  inject: '#1565c0',
  alert: '#c62828',
  action: '#2e7d32',
  decision: '#6a1b9a',
  attack: '#212121',
}

/** A node's time error over [0, endT] (a line), over bands: ok, degraded, failed. */
export function timeErrorChart(series: TimeErrorSeries, endT: number): string {
  const height = 180
  const top = 10
  const bottom = 28
  const plotHeight = height - top - bottom
  const { limits } = series
  const finite = (ns: number) => (Number.isFinite(ns) ? ns : 0)
  const peak = Math.max(1, ...series.points.map((p) => Math.abs(p.timeErrorNs)))
  const span =
    Math.max(
      peak,
      finite(limits.aheadNs),
      finite(limits.behindNs),
      finite(limits.degradedAheadNs),
    ) * 1.2
  const x = timeScale(endT)
  const y = (ns: number) =>
    top + plotHeight / 2 - (Math.max(-span, Math.min(span, ns)) / span) * (plotHeight / 2)
  const band = (fromNs: number, toNs: number, colour: string) => {
    const y1 = y(Math.max(fromNs, toNs))
    const y2 = y(Math.min(fromNs, toNs))
    return `<rect x="${LEFT}" y="${fixed(y1)}" width="${PLOT}" height="${fixed(Math.max(0, y2 - y1))}" fill="${colour}" fill-opacity="0.12"/>`
  }
  const bands = [
    band(span, -span, STATUS_COLOURS.failed),
    band(finite(limits.aheadNs), -finite(limits.behindNs), STATUS_COLOURS.degraded),
    band(finite(limits.degradedAheadNs), -finite(limits.degradedBehindNs), STATUS_COLOURS.ok),
  ]
  const line = series.points.map((p) => `${fixed(x(p.t))},${fixed(y(p.timeErrorNs))}`).join(' ')
  // The scale's ends, zero and the tolerance, each labelled where it does not crowd another.
  const labelled: number[] = []
  const labels = [span, -span, 0, limits.aheadNs, -limits.behindNs]
    .filter((ns) => Number.isFinite(ns) && Math.abs(ns) <= span)
    .filter((ns) => {
      if (labelled.some((other) => Math.abs(y(other) - y(ns)) < 12)) return false
      labelled.push(ns)
      return true
    })
    .map(
      (ns) =>
        `<text x="${LEFT - 6}" y="${fixed(y(ns) + 4)}" text-anchor="end">${escapeHtml(ns === 0 ? '0' : formatNs(ns))}</text>`,
    )
  const title = `Time error of ${series.label} against its tolerance, ${formatScenarioTime(0)} to ${formatScenarioTime(endT)}`
  return svg(title, height, [
    ...bands,
    `<line x1="${LEFT}" x2="${LEFT + PLOT}" y1="${fixed(y(0))}" y2="${fixed(y(0))}" stroke="#999" stroke-dasharray="3 3"/>`,
    `<polyline points="${line}" fill="none" stroke="#0d47a1" stroke-width="1.5"/>`,
    ...labels,
    ...timeAxis(endT, height - 8),
  ])
}

/** One lane per team, with its injects, alerts, actions, attacks and decisions at their times. */
export function swimlaneChart(
  teams: readonly ReportTeam[],
  marks: readonly TimelineMark[],
  endT: number,
): string {
  const lane = 28
  const top = 24
  const height = top + teams.length * lane + 44
  const x = timeScale(endT)
  const rows = teams.flatMap((team, i) => {
    const middle = top + i * lane + lane / 2
    return [
      `<line x1="${LEFT}" x2="${LEFT + PLOT}" y1="${middle}" y2="${middle}" stroke="#ddd"/>`,
      `<text x="${LEFT - 6}" y="${middle + 4}" text-anchor="end">${escapeHtml(team.name)}</text>`,
      ...marks
        .filter((mark) => mark.teamId === team.id)
        .map((mark) => markShape(mark, x(Math.min(mark.t, endT)), middle)),
    ]
  })
  const legendY = top + teams.length * lane + 36
  const legend = (Object.keys(MARK_COLOURS) as TimelineMark['kind'][]).map((kind, i) => {
    const lx = LEFT + i * 100
    return `${markShape({ teamId: '', kind, t: 0, label: kind }, lx, legendY - 4)}<text x="${lx + 10}" y="${legendY}">${kind}</text>`
  })
  return svg(`Timeline of each team's injects, alerts, actions, attacks and decisions`, height, [
    ...rows,
    ...timeAxis(endT, top + teams.length * lane + 14),
    ...legend,
  ])
}

/** One row per node that changed, coloured by its status from T+0 to the end. */
export function sectorStatusChart(series: readonly StatusSeries[], endT: number): string {
  const row = 22
  const top = 8
  const height = top + series.length * row + 44
  const x = timeScale(endT)
  const rows = series.flatMap((node, i) => {
    const y = top + i * row
    return [
      `<text x="${LEFT - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(node.label)}</text>`,
      ...node.spells.map(
        (spell) =>
          `<rect x="${fixed(x(spell.fromT))}" y="${y + 3}" width="${fixed(Math.max(0.5, x(spell.toT) - x(spell.fromT)))}" height="${row - 6}" fill="${STATUS_COLOURS[spell.status]}"><title>${escapeHtml(`${node.label}: ${spell.status} ${formatScenarioTime(spell.fromT)}–${formatScenarioTime(spell.toT)}`)}</title></rect>`,
      ),
    ]
  })
  const legendY = top + series.length * row + 36
  const legend = (Object.keys(STATUS_COLOURS) as (keyof typeof STATUS_COLOURS)[]).map(
    (status, i) =>
      `<rect x="${LEFT + i * 100}" y="${legendY - 9}" width="10" height="10" fill="${STATUS_COLOURS[status]}"/><text x="${LEFT + i * 100 + 14}" y="${legendY}">${status}</text>`,
  )
  return svg('Status of each node that changed over the exercise', height, [
    ...rows,
    ...timeAxis(endT, top + series.length * row + 16),
    ...legend,
  ])
}

function markShape(mark: TimelineMark, cx: number, cy: number): string {
  const colour = MARK_COLOURS[mark.kind]
  const title = `<title>${escapeHtml(`${formatScenarioTime(mark.t)} ${mark.kind}: ${mark.label}`)}</title>`
  const at = `${fixed(cx)},${fixed(cy)}`
  switch (mark.kind) {
    case 'inject':
      return `<rect x="${fixed(cx - 4)}" y="${fixed(cy - 4)}" width="8" height="8" fill="${colour}">${title}</rect>`
    case 'alert':
      return `<path d="M${at} m0,-5 l5,9 h-10 z" fill="${colour}">${title}</path>`
    case 'action':
      return `<circle cx="${fixed(cx)}" cy="${fixed(cy)}" r="4" fill="${colour}">${title}</circle>`
    case 'decision':
      return `<path d="M${at} m0,-5 l5,5 l-5,5 l-5,-5 z" fill="${colour}">${title}</path>`
    case 'attack':
      return `<path d="M${at} m-4,-4 l8,8 m0,-8 l-8,8" stroke="${colour}" stroke-width="2">${title}</path>`
  }
}

/** Scenario time [0, endT] onto the plot's width. */
function timeScale(endT: number): (t: number) => number {
  const span = Math.max(1, endT)
  return (t) => LEFT + (Math.max(0, Math.min(span, t)) / span) * PLOT
}

function timeAxis(endT: number, y: number): string[] {
  const x = timeScale(endT)
  return [0, 0.25, 0.5, 0.75, 1].map((share) => {
    const t = endT * share
    const anchor = share === 0 ? 'start' : share === 1 ? 'end' : 'middle'
    return `<text x="${fixed(x(t))}" y="${y}" text-anchor="${anchor}" fill="#555">${formatScenarioTime(t)}</text>`
  })
}

function svg(title: string, height: number, parts: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}" font-family="system-ui, sans-serif" font-size="11"><title>${escapeHtml(title)}</title>${parts.join('')}</svg>`
}

function fixed(n: number): string {
  return Number.isFinite(n) ? n.toFixed(1) : '0'
}
