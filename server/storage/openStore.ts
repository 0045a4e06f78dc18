import type { Config } from '../config.js';
import { PostgresStore } from './PostgresStore.js';
import { SqliteStore } from './SqliteStore.js';
import type { Store } from './Store.js';

/** PostgreSQL when DATABASE_URL is set (several instances share it), else SQLite in DATA_DIR. */
export async function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  return config.databaseUrl ? PostgresStore.connect(config.databaseUrl) : SqliteStore.inDataDir(config.dataDir);
}
