/** What the browser tests and their server agree on. */

export const E2E_PORT = Number(process.env.HOLDOVER_E2E_PORT ?? 3417)
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-not-secret'

/** The scenario with the twin's example chain that the e2e server adds to the shipped ones. */
export const TWIN_SCENARIO = 'e2e-twin-example'
/** Its teams, id → name (red attacks; the others are blue). */
export const TWIN_TEAMS = {
  red: 'Red cell',
  lab: 'Time laboratory',
  telco: 'Telco network operations',
  'grid-ops': 'Grid operations',
  soc: 'Enterprise SOC',
  trading: 'Market operations',
} as const
