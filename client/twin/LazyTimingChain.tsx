import { type ComponentProps, lazy, Suspense } from 'react'

// The graph layout and the charting library load only for a scenario that has a chain.
const TimingChain = lazy(() =>
  import('./TimingChain').then((module) => ({ default: module.TimingChain })),
)

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
