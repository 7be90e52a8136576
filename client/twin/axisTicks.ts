/** Where the time-error plot's log axis puts its labels, and how it words them. */
import { formatTimeError } from './twinLabels'

/**
 * Powers of ten from `min` to `max`, every other one (or every third…) when more than
 * `maxCount` would crowd the axis: one label per decade at most, never the nine minor ticks
 * a log scale has by default, which run together into a bar.
 */
export function decadeSplits(min: number, max: number, maxCount: number): number[] {
  if (!(min > 0) || !(max >= min) || maxCount < 1) return []
  const from = Math.ceil(Math.log10(min) - 1e-9)
  const to = Math.floor(Math.log10(max) + 1e-9)
  const count = to - from + 1
  const step = Math.max(1, Math.ceil(count / maxCount))
  const splits: number[] = []
  for (let exponent = to; exponent >= from; exponent -= step) splits.unshift(10 ** exponent)
  return splits
}

/** A decade as an axis label: `1 ns`, `100 µs`, `10 s`, and `0.01 ns` below a nanosecond. */
export function decadeLabel(ns: number): string {
  if (ns > 0 && ns < 1) return `${Number(ns.toPrecision(1))} ns`
  return formatTimeError(ns).replace(/\.0+ /, ' ')
}
