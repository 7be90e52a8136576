import { type ComponentProps, lazy, Suspense } from 'react'

// The graph layout and the charting library load only for a scenario that has a chain.
const loadTimingChain = () => import('./TimingChain')
const TimingChain = lazy(() =>
  loadTimingChain().then((module) => ({ default: module.TimingChain })),
)

/**
 * Starts loading the timing chain's code without showing it, so that a console whose chain sits
 * in a pane not yet opened shows it at once when opened (a failed load is retried on use).
 */
export function preloadTimingChain(): void {
  loadTimingChain().catch(() => undefined)
}

/** The timing chain, loaded on first use. */
export function LazyTimingChain(props: ComponentProps<typeof TimingChain>) {
  return (
    <Suspense
      fallback={
        <section className="panel" aria-busy="true">
          <h2>Timing chain</h2>
          <p className="muted">Loading the timing chain…</p>
        </section>
      }
    >
      <TimingChain {...props} />
    </Suspense>
  )
}
