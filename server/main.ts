/** `npm start`: runs Holdover until SIGINT/SIGTERM. */
import { loadConfigOrExit } from './config'
import { startServer } from './createServer'

const config = loadConfigOrExit()
const server = await startServer(config)
const where = config.adminToken
  ? 'from HOLDOVER_ADMIN_TOKEN'
  : `kept in ${config.dataDir}/admin-token`
const shownUrl = config.publicUrl ?? server.url
// Like a notebook server, the link with the token is printed at every start: it is the way in.
console.log(
  `\nHoldover is running at ${shownUrl}\n\nFacilitator sign-in (the link holds the admin token, ${where}):\n  ${shownUrl}/facilitator#token=${encodeURIComponent(server.secrets.adminToken)}\n`,
)

let stopping = false
const stop = (signal: string) => {
  if (stopping) return
  stopping = true
  server.logger.info({ signal }, 'shutting down')
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      server.logger.error({ err: error }, 'shutdown failed')
      process.exit(1)
    },
  )
}
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))
// A failure in one exercise must not take the others down: log it and keep serving.
process.on('unhandledRejection', (reason) => {
  server.logger.error({ err: reason }, 'unhandled rejection')
})
