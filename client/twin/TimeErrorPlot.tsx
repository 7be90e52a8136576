import { useEffect, useId, useMemo, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { formatScenarioTime } from '../../core/vocabulary/scenarioTime'
import { decadeLabel, decadeSplits } from './axisTicks'
import { decadeRange, latestSample, type PlotLine, toPlotData } from './plotData'
import { formatTimeError } from './twinLabels'

const HEIGHT = 260
// Distinct in hue and lightness, and each curve also has its own dash: colour is never the only cue.
const COLOURS = ['#1f5f7a', '#a15c00', '#5b3d99', '#2d6a3e']
const DASHES: (number[] | undefined)[] = [undefined, [8, 4], [2, 3], [12, 3, 2, 3]]
const TOLERANCE = '#9b2c23'
const BAND = 'rgba(155, 44, 35, 0.08)'
// Time steps the time axis may use: a minute up to a week.
// The page's own type, so the axes read like the text around them.
const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
const AXIS_LABEL_FONT = `600 ${AXIS_FONT}`
const TIME_STEPS = [60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 604_800]

/**
 * |time error| (or |offset|) of the plotted nodes from T+0 to now, on a log scale, with each
 * node's tolerance as a dashed line and the region above the first one shaded. The chart is made
 * once per set of curves and then only fed new data, so that a read a second stays cheap at 3600×.
 */
export function TimeErrorPlot({
  lines,
  nowT,
  quantity,
}: {
  lines: readonly PlotLine[]
  nowT: number
  /** What the curves are, for the axis and the summary: `|time error|` or `|offset|`. */
  quantity: string
}) {
  const id = useId()
  const holder = useRef<HTMLDivElement>(null)
  const chart = useRef<uPlot | null>(null)
  const data = useMemo(() => toPlotData(lines), [lines])
  const tolerances = useMemo(() => lines.map((line) => line.toleranceNs), [lines])
  // The hooks and the range read these at draw time, so new data needs no new chart.
  const current = useRef({ data, tolerances, nowT })
  current.current = { data, tolerances, nowT }
  const shape = lines.map((line) => `${line.key}=${line.label}`).join('|')

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new chart only when the curves change; data flows through `current`.
  useEffect(() => {
    const element = holder.current
    if (!element) return
    const plot = new uPlot(
      plotOptions(lines, Math.max(200, element.clientWidth), quantity, current),
      alignedData(current.current.data),
      element,
    )
    chart.current = plot
    const resize = new ResizeObserver(() => {
      const width = element.clientWidth
      if (width > 0 && Math.abs(width - plot.width) > 1) plot.setSize({ width, height: HEIGHT })
    })
    resize.observe(element)
    return () => {
      resize.disconnect()
      plot.destroy()
      chart.current = null
    }
  }, [shape, quantity])

  // biome-ignore lint/correctness/useExhaustiveDependencies: the time axis runs to `nowT`, read through `current`.
  useEffect(() => {
    chart.current?.setData(alignedData(data))
  }, [data, nowT])

  const summary = lines.map((line) => {
    const latest = latestSample(line.points)
    return {
      key: line.key,
      text: `${line.label}: ${
        latest
          ? `${formatTimeError(latest[1], { signed: true })} at ${formatScenarioTime(latest[0])}`
          : 'no value yet'
      }${line.toleranceNs === null ? '' : `; tolerance ${formatTimeError(line.toleranceNs)}`}`,
    }
  })

  return (
    <figure className="time-plot" aria-labelledby={`${id}-caption`}>
      <div
        ref={holder}
        className="time-plot__chart"
        data-testid="time-error-plot"
        data-node-ids={lines.map((line) => line.key).join(' ')}
        role="img"
        aria-label={`${quantity} on a log scale from T+00:00 to ${formatScenarioTime(nowT)}. ${summary.map((s) => s.text).join('. ')}`}
      />
      <figcaption id={`${id}-caption`} className="time-plot__caption">
        <span className="muted">
          {quantity}, log scale, T+00:00 to {formatScenarioTime(nowT)}
          {tolerances.some((tolerance) => tolerance !== null)
            ? '; dashed red line: tolerance, shaded above it.'
            : '; your scenario gives no tolerance for these measurements.'}
        </span>
        <ul className="plain-list" data-testid="plot-summary">
          {summary.map((item) => (
            <li key={item.key}>{item.text}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  )
}

function alignedData(data: ReturnType<typeof toPlotData>): uPlot.AlignedData {
  return [data.xs, ...data.ys]
}

function plotOptions(
  lines: readonly PlotLine[],
  width: number,
  quantity: string,
  current: {
    readonly current: {
      data: ReturnType<typeof toPlotData>
      tolerances: (number | null)[]
      nowT: number
    }
  },
): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    scales: {
      x: {
        time: false,
        range: () => {
          const { data, nowT } = current.current
          return [0, Math.max(60, nowT, data.xs.at(-1) ?? 0)]
        },
      },
      y: {
        distr: 3,
        log: 10,
        range: () => decadeRange(current.current.data.ys, current.current.tolerances),
      },
    },
    axes: [
      {
        incrs: TIME_STEPS,
        font: AXIS_FONT,
        values: (_u, splits) => splits.map((t) => formatScenarioTime(t).slice(0, -3)),
        space: 70,
      },
      {
        label: `${quantity}`,
        // One label per decade, spaced at least 24 px apart: a log axis's minor ticks crowd.
        splits: (_u, _axis, min, max) => decadeSplits(min, max, Math.floor(HEIGHT / 24)),
        // uPlot would drop labels it thinks crowded (as nulls); the splits are spaced already.
        filter: (_u, splits) => splits,
        values: (_u, splits) => splits.map((ns) => (ns == null ? '' : decadeLabel(ns))),
        size: 70,
        labelGap: 6,
        font: AXIS_FONT,
        labelFont: AXIS_LABEL_FONT,
      },
    ],
    series: [
      { label: 'Scenario time', value: (_u, t) => (t === null ? '—' : formatScenarioTime(t)) },
      ...lines.map(
        (line, index): uPlot.Series => ({
          label: line.label,
          stroke: COLOURS[index % COLOURS.length],
          width: 2,
          ...(DASHES[index % DASHES.length] ? { dash: DASHES[index % DASHES.length] } : {}),
          spanGaps: false,
          points: { show: false },
          value: (_u, ns) => (ns === null ? '—' : formatTimeError(ns)),
        }),
      ),
    ],
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
    hooks: {
      // Over the grid and under the curves: the region beyond the first node's tolerance.
      drawAxes: [
        (u) => {
          const tolerance = current.current.tolerances[0]
          if (tolerance === null || tolerance === undefined) return
          const y = Math.round(u.valToPos(tolerance, 'y', true))
          const { left, top, width: w } = u.bbox
          if (y <= top) return
          u.ctx.save()
          u.ctx.fillStyle = BAND
          u.ctx.fillRect(left, top, w, y - top)
          u.ctx.restore()
        },
      ],
      draw: [
        (u) => {
          const { left, top, width: w, height: h } = u.bbox
          const ctx = u.ctx
          ctx.save()
          ctx.strokeStyle = TOLERANCE
          ctx.fillStyle = TOLERANCE
          ctx.lineWidth = 1.5 * uPlot.pxRatio
          ctx.setLineDash([6 * uPlot.pxRatio, 4 * uPlot.pxRatio])
          ctx.font = `${11 * uPlot.pxRatio}px system-ui, sans-serif`
          const drawn = new Set<number>()
          for (const tolerance of current.current.tolerances) {
            if (tolerance === null || drawn.has(tolerance)) continue
            drawn.add(tolerance)
            const y = Math.round(u.valToPos(tolerance, 'y', true))
            if (y < top || y > top + h) continue
            ctx.beginPath()
            ctx.moveTo(left, y)
            ctx.lineTo(left + w, y)
            ctx.stroke()
            ctx.textAlign = 'right'
            ctx.fillText(
              `tolerance ${formatTimeError(tolerance)}`,
              left + w - 6 * uPlot.pxRatio,
              y - 4 * uPlot.pxRatio,
            )
          }
          ctx.restore()
        },
      ],
    },
  }
}
