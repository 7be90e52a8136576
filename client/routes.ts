/** The app's pages and the paths that lead to them. */

export type Route =
  | { readonly page: 'join'; readonly code: string }
  | { readonly page: 'facilitator' }
  | { readonly page: 'facilitatorExercise'; readonly exerciseId: string }
  | { readonly page: 'facilitatorReport'; readonly exerciseId: string }
  | { readonly page: 'team'; readonly exerciseId: string }
  | { readonly page: 'evaluate'; readonly exerciseId: string }
  | { readonly page: 'replay'; readonly exerciseId: string }
  | { readonly page: 'notFound' }

const ID = '([A-Za-z0-9_-]{1,64})'
const PATTERNS: readonly [RegExp, (match: RegExpExecArray) => Route][] = [
  [/^\/?$/, () => ({ page: 'join', code: '' })],
  [/^\/join\/([^/]{1,32})\/?$/, (m) => ({ page: 'join', code: decode(m[1]!) })],
  [/^\/facilitator\/?$/, () => ({ page: 'facilitator' })],
  [
    new RegExp(`^/facilitator/exercise/${ID}/?$`),
    (m) => ({ page: 'facilitatorExercise', exerciseId: m[1]! }),
  ],
  [
    new RegExp(`^/facilitator/exercise/${ID}/report/?$`),
    (m) => ({ page: 'facilitatorReport', exerciseId: m[1]! }),
  ],
  [new RegExp(`^/exercise/${ID}/?$`), (m) => ({ page: 'team', exerciseId: m[1]! })],
  [new RegExp(`^/evaluate/${ID}/?$`), (m) => ({ page: 'evaluate', exerciseId: m[1]! })],
  [new RegExp(`^/replay/${ID}/?$`), (m) => ({ page: 'replay', exerciseId: m[1]! })],
]

/** The route a pathname names; `notFound` for anything else. */
export function matchRoute(pathname: string): Route {
  for (const [pattern, toRoute] of PATTERNS) {
    const match = pattern.exec(pathname)
    if (match) return toRoute(match)
  }
  return { page: 'notFound' }
}

/** Paths of the pages, so links are built in one place. */
export const paths = {
  join: (code?: string) => (code ? `/join/${encodeURIComponent(code)}` : '/'),
  facilitator: () => '/facilitator',
  facilitatorExercise: (exerciseId: string) => `/facilitator/exercise/${exerciseId}`,
  facilitatorReport: (exerciseId: string) => `/facilitator/exercise/${exerciseId}/report`,
  team: (exerciseId: string) => `/exercise/${exerciseId}`,
  evaluate: (exerciseId: string) => `/evaluate/${exerciseId}`,
  /** The replay; a replay link's holder opens it with the link's token in the query. */
  replay: (exerciseId: string) => `/replay/${exerciseId}`,
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
