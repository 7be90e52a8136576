import { FacilitatorPage } from './facilitator/FacilitatorPage'
import { JoinPage } from './join/JoinPage'
import type { Route } from './routes'
import { matchRoute, paths } from './routes'
import { PageHeading, PageShell } from './shared/PageShell'
import { Link, usePathname } from './shared/router'
import { TeamPage } from './team/TeamPage'

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
      return <FacilitatorPage exerciseId={null} />
    case 'facilitatorExercise':
      return <FacilitatorPage exerciseId={route.exerciseId} />
    case 'team':
      return <TeamPage key={route.exerciseId} exerciseId={route.exerciseId} />
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
