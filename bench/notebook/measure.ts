/** Figures and inputs of the notebook benchmark: CPU time, percentiles, a seeded typist. */
import * as Y from 'yjs'

/** CPU time (user + system) this process has used so far, ms. */
export function cpuMs(): number {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

export const began = performance.now()
/** With NOTEBOOK_BENCH_TRACE set, says on stderr where the time goes. */
export function trace(what: string): void {
  if (process.env.NOTEBOOK_BENCH_TRACE) {
    process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(1)} s] ${what}\n`)
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export interface Stats {
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly max: number
  readonly count: number
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
    count: sorted.length,
  }
}

export const ms = (value: number) => `${value.toFixed(2)} ms`

export function summary(name: string, samples: number[], unit = 'deliveries'): string {
  const s = stats(samples)
  return `  ${name.padEnd(30)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  p99 ${ms(s.p99).padStart(9)}  max ${ms(s.max).padStart(9)}  (${s.count} ${unit})`
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** Resolves when `probe` holds, polling every few ms; rejects with `what` after `timeoutMs`. */
export async function until(probe: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!probe()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(5)
  }
}

/** A deterministic pseudo-random sequence (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const PROSE =
  'Stratum 1 at the core site reports a 360 s step; the SOC sees Kerberos failures on two domain controllers while the OT historian drifts. We pin chrony to the GNSS-disciplined source and hold the PTP grandmaster, then check the leap indicator on every upstream peer. '

/** A typist: each call gives the next `length` characters of PROSE, from a seeded start. */
export function typist(seed: number): (length: number) => string {
  const next = random(seed)
  let at = Math.floor(next() * PROSE.length)
  return (length) => {
    let out = ''
    for (let i = 0; i < length; i++) {
      out += PROSE[at]
      at = (at + 1) % PROSE.length
    }
    return out
  }
}

export function newParagraph(fragment: Y.XmlFragment, text: string): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph')
  const content = new Y.XmlText(text)
  paragraph.insert(0, [content])
  fragment.insert(fragment.length, [paragraph])
  return content
}

// ---------------------------------------------------------------------------------------------
// HTTP and Holdover clients
// ---------------------------------------------------------------------------------------------
