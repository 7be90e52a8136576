/** Picks the store from the configuration: PostgreSQL when a database URL is set, else SQLite. */
import path from 'node:path'
import type { Config } from '../config'
import { PostgresStore } from './PostgresStore'
import { SqliteStore } from './SqliteStore'
import type { Store } from './Store'

/** Opens the configured store, its schema created or upgraded. */
export async function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  if (config.databaseUrl) return PostgresStore.open(config.databaseUrl)
  return new SqliteStore(path.join(config.dataDir, 'holdover.db'))
}
