/**
 * The installation's secrets, kept in the store: every process on one store signs participant
 * tokens with the same key and, unless HOLDOVER_ADMIN_TOKEN is set, shares one admin token. The
 * first process to start keeps what it found in its data folder (or generated), so an existing
 * installation keeps its secrets.
 */
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Secrets } from '../auth/secrets'
import type { Store } from './Store'

/** The store's secrets, proposing `local` (the data folder's) when it has none yet. */
export async function sharedSecrets(
  store: Store,
  local: Secrets,
  dataDir: string,
  configuredAdminToken: string | undefined,
): Promise<Secrets> {
  const signingKey = Buffer.from(
    await store.sharedSecret('signing-key', local.signingKey.toString('base64url')),
    'base64url',
  )
  if (configuredAdminToken) return { adminToken: configuredAdminToken, signingKey }
  const adminToken = await store.sharedSecret('admin-token', local.adminToken)
  // The data folder's copy says what the console prints: the installation's token.
  if (adminToken !== local.adminToken) {
    writeFileSync(path.join(dataDir, 'admin-token'), `${adminToken}\n`, { mode: 0o600 })
  }
  return { adminToken, signingKey }
}

/**
 * The installation's key for hot-wash ballots (server/auth/hotWashBallots.ts), kept in the store
 * beside the other secrets so every process computes the same ballot. Never in an export.
 */
export async function sharedBallotKey(store: Store): Promise<Buffer> {
  const proposed = randomBytes(32).toString('base64url')
  return Buffer.from(await store.sharedSecret('hot-wash-ballot-key', proposed), 'base64url')
}
