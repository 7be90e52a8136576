import { lazy, Suspense } from 'react'
import { JoinPage } from './join/JoinPage'
import type { Route } from './routes'
import { matchRoute, paths } from './routes'
import { PageHeading, PageShell } from './shared/PageShell'
import { Link, usePathname } from './shared/router'
import { TeamPage } from './team/TeamPage'

// Participants far outnumber facilitators: the console is fetched only by those who open it.
const EvaluatorPage = lazy(() =>
  import('./evaluator/EvaluatorPage').then((module) => ({ default: module.EvaluatorPage })),
)
const ReplayPage = lazy(() =>
  import('./replay/ReplayPage').then((module) => ({ default: module.ReplayPage })),
)
const FacilitatorPage = lazy(() =>
  import('./facilitator/FacilitatorPage').then((module) => ({ default: module.FacilitatorPage })),
)

/** The app: picks the page from the path (each page's PageHeading then takes the focus). */
export function App() {
  const route = matchRoute(usePathname())
  return <Page route={route} />
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'join':
      return <JoinPage key={route.code} initialCode={route.code} />
    case 'facilitator':
    case 'facilitatorExercise':
    case 'facilitatorReport':
      return (
        <Suspense fallback={<Loading />}>
          <FacilitatorPage
            exerciseId={route.page === 'facilitator' ? null : route.exerciseId}
            view={route.page === 'facilitatorReport' ? 'report' : 'console'}
          />
        </Suspense>
      )
    case 'team':
      return <TeamPage key={route.exerciseId} exerciseId={route.exerciseId} />
    case 'evaluate':
      return (
        <Suspense fallback={<Loading />}>
          <EvaluatorPage key={route.exerciseId} exerciseId={route.exerciseId} />
        </Suspense>
      )
    case 'replay':
      return (
        <Suspense fallback={<Loading what="the replay" />}>
          <ReplayPage key={route.exerciseId} exerciseId={route.exerciseId} />
        </Suspense>
      )
    case 'notFound':
      return (
        <PageShell title="Page not found">
          <PageHeading>Page not found</PageHeading>
          <p>
            There is nothing at this address. <Link to={paths.join()}>Join an exercise</Link> or go
            to the <Link to={paths.facilitator()}>facilitator console</Link>.
          </p>
        </PageShell>
      )
  }
}

function Loading({ what = 'the facilitator console' }: { what?: string }) {
  return (
    <PageShell title="Facilitator">
      <p role="status" className="muted">
        Loading {what}…
      </p>
    </PageShell>
  )
}
