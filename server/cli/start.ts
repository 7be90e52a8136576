/** `npm start`: builds the client when it is missing, then runs the server. */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { loadConfigOrExit } from '../config'

const config = loadConfigOrExit()
if (!existsSync(path.join(config.clientDir, 'index.html'))) {
  console.log('Building the client (first start)…')
  execFileSync(
    process.execPath,
    [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  )
}
await import('../main')
