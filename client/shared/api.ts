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
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  route: string,
  options: { body?: unknown; token?: string | null } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await call(route, {
    method,
    headers: withToken(headers, options.token),
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  })
  const json = parseJson(await response.text())
  if (!response.ok) throw answerError(response, json)
  return json as T
}

/** GETs `/api${route}` as a file; resolves with its contents or rejects with an ApiError. */
export async function apiDownload(route: string, token?: string | null): Promise<Blob> {
  const response = await call(route, { method: 'GET', headers: withToken({}, token) })
  if (!response.ok) throw answerError(response, parseJson(await response.text()))
  return response.blob()
}

/** Offers `blob` to the person as a file named `fileName` (the browser's own download). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked later: some browsers read the blob only after the click has returned.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

function withToken(headers: Record<string, string>, token?: string | null) {
  return token ? { ...headers, authorization: `Bearer ${token}` } : headers
}

async function call(route: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`/api${route}`, init)
  } catch {
    throw new ApiError(
      0,
      'network',
      'Cannot reach the Holdover server. Check your connection and try again.',
    )
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return undefined
  }
}

/** The error a 4xx/5xx answer carries (`{ error: { code, message } }`), or one that says what failed. */
function answerError(response: Response, json: unknown): ApiError {
  const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
  return new ApiError(
    response.status,
    typeof error?.code === 'string' ? error.code : 'http',
    typeof error?.message === 'string'
      ? error.message
      : `The server answered ${response.status} ${response.statusText}.`,
  )
}

/** The message to show for anything an API call threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return 'Something went wrong; try again.'
}
