import { describe, expect, it } from 'vitest'
import { decadeRange, latestSample, type PlotLine, plotLinesOf, toPlotData } from './plotData'

const line = (key: string, points: PlotLine['points']): PlotLine => ({
  key,
  nodeId: key,
  label: key,
  points,
  toleranceNs: 1_500,
})

describe('toPlotData', () => {
  it('draws magnitudes on one time axis, with gaps where there is no value', () => {
    const data = toPlotData([
      line('gm-1', [
        [0, 5],
        [60, -1_200],
        [120, null],
      ]),
      line('bc-1', [
        [60, 0],
        [180, 2_000],
      ]),
    ])
    expect(data.xs).toEqual([0, 60, 120, 180])
    expect(data.ys).toEqual([
      [5, 1_200, null, null],
      [null, null, null, 2_000],
    ])
  })
})

describe('decadeRange', () => {
  it('spans whole decades around the values and the tolerance', () => {
    expect(decadeRange([[3, 40_000]], [1_500])).toEqual([1, 100_000])
    expect(decadeRange([[200, 900]], [null])).toEqual([10, 1_000])
    expect(decadeRange([[1_000]], [])).toEqual([100, 10_000])
  })

  it('has a sensible default when there is nothing to draw', () => {
    expect(decadeRange([[null, null]], [null])).toEqual([1, 1e6])
  })
})

describe('latestSample', () => {
  it('is the last sample with a value, sign kept', () => {
    expect(
      latestSample([
        [0, 1],
        [60, -250],
        [120, null],
      ]),
    ).toEqual([60, -250])
    expect(latestSample([[0, null]])).toBeNull()
  })
})

describe('plotLinesOf', () => {
  const labelOf = (nodeId: string) =>
    ({ 'gm-1': 'Grandmaster 1', 'fibre-lab': 'Fibre' })[nodeId] ?? nodeId
  const points: PlotLine['points'] = [
    [0, 1],
    [60, 2],
  ]

  it('gives the facilitator each node’s true time error with the twin’s tolerance', () => {
    const lines = plotLinesOf(
      {
        ok: true,
        audience: 'facilitator',
        t: 60,
        chain: [],
        nodes: [
          {
            id: 'gm-1',
            status: 'ok',
            timeErrorNs: 2,
            toleranceNs: 250,
            mode: 'locked',
            selectedSource: null,
            traceable: true,
          },
        ],
        observations: [],
        alerts: [],
        series: [{ nodeId: 'gm-1', quantity: 'time-error', points }],
      },
      labelOf,
      [],
    )
    expect(lines).toEqual([
      { key: 'gm-1', nodeId: 'gm-1', label: 'Grandmaster 1', points, toleranceNs: 250 },
    ])
  })

  it('gives a team its measured offsets, with a limit only where its scenario states one', () => {
    const read = {
      ok: true as const,
      audience: 'team' as const,
      t: 60,
      chain: [],
      observations: [],
      alerts: [],
      series: [
        {
          nodeId: 'gm-1',
          quantity: 'offset-vs-independent' as const,
          monitorId: 'gm-1#1',
          points,
        },
      ],
    }
    const monitoring = [{ observable: 'offset-vs-independent' as const, against: 'fibre-lab' }]
    expect(plotLinesOf(read, labelOf, [{ id: 'gm-1', monitoring }])).toEqual([
      {
        key: 'gm-1/gm-1#1',
        nodeId: 'gm-1',
        label: 'Grandmaster 1, offset against an independent reference (Fibre)',
        points,
        toleranceNs: null,
      },
    ])
    const alarmed = [{ ...monitoring[0]!, alarmNs: 125 }]
    expect(plotLinesOf(read, labelOf, [{ id: 'gm-1', monitoring: alarmed }])[0]?.toleranceNs).toBe(
      125,
    )
  })
})
