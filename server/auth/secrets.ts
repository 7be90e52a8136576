/** The admin token and the key that signs participant tokens, kept in the data folder. */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export interface Secrets {
  readonly adminToken: string
  readonly signingKey: Buffer
}

/** Loads the secrets from `dataDir`, generating and keeping whatever is missing. */
export function loadSecrets(dataDir: string, configuredAdminToken: string | undefined): Secrets {
  const keyFile = path.join(dataDir, 'signing.key')
  const tokenFile = path.join(dataDir, 'admin-token')
  const signingKey = existsSync(keyFile)
    ? Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64url')
    : keep(keyFile, randomBytes(32).toString('base64url'), (text) => Buffer.from(text, 'base64url'))
  if (configuredAdminToken) {
    return { adminToken: configuredAdminToken, signingKey }
  }
  if (existsSync(tokenFile)) {
    return { adminToken: readFileSync(tokenFile, 'utf8').trim(), signingKey }
  }
  const adminToken = keep(
    tokenFile,
    `hold_${randomBytes(24).toString('base64url')}`,
    (text) => text,
  )
  return { adminToken, signingKey }
}

function keep<T>(file: string, text: string, parse: (text: string) => T): T {
  writeFileSync(file, `${text}\n`, { mode: 0o600 })
  return parse(text)
}
