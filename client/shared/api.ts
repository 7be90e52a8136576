/** The HTTP API as the browser calls it: JSON in, JSON out, 4xx answers turned into readable errors. */

/** A failed API call, with the message the server gave (or one that says what went wrong). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Calls `/api${route}`; resolves with the answer's JSON or rejects with an ApiError. */
export async function apiRequest<T>(
  method: 'GET' | 'POST',
  route: string,
  options: { body?: unknown; token?: string | null } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.token) headers.authorization = `Bearer ${options.token}`
  let response: Response
  try {
    response = await fetch(`/api${route}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    })
  } catch {
    throw new ApiError(
      0,
      'network',
      'Cannot reach the Holdover server. Check your connection and try again.',
    )
  }
  const text = await response.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
    throw new ApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : 'http',
      typeof error?.message === 'string'
        ? error.message
        : `The server answered ${response.status} ${response.statusText}.`,
    )
  }
  return json as T
}

/** The message to show for anything an API call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return 'Something went wrong; try again.'
}
