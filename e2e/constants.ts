/** What the browser tests and their server agree on. */

export const E2E_PORT = Number(process.env.HOLDOVER_E2E_PORT ?? 3417)
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-not-secret'
