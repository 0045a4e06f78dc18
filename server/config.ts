import path from 'node:path';

/** Everything the server reads from the environment, in one place. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; when set it replaces the SQLite file in dataDir. */
  databaseUrl: string | undefined;
  /** Redis for relaying rooms between instances; needs a shared databaseUrl. */
  redisUrl: string | undefined;
  /** Entries each room's Redis stream keeps; an instance further behind catches up from the store. */
  redisStreamLength: number;
  /** Serve the built client from here when it exists. */
  clientDir: string;
  demoPassword: string | undefined;
  /** Mark the session cookie Secure (set when served over HTTPS). */
  secureCookies: boolean;
  /**
   * Which proxies' X-Forwarded-For to believe (express's `trust proxy`): a hop count, or addresses
   * and subnets such as `loopback`. Unset, the client's address is the socket's.
   */
  trustProxy: number | string | undefined;
  sessionTtlMs: number;
  /** How often every connection receives at least one message. */
  keepaliveMs: number;
  /** How long an unused document stays loaded after its last connection leaves. */
  unloadGraceMs: number;
  /** Largest websocket frame accepted; a larger one closes that connection. */
  maxFrameBytes: number;
  /** Stored updates per document after which the log is compacted into a snapshot. */
  compactAfterUpdates: number;
  /** Least time between two durable commits of the update log (what arrives meanwhile shares one). */
  commitIntervalMs: number;
  /** How often sections edited since their last version get an automatic one. */
  autoVersionMs: number;
  logLevel: LogLevel;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** A hop count stays a number; anything else is express's list of addresses and subnets. */
function trustProxyFromEnv(raw: string | undefined): number | string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    redisStreamLength: intFromEnv(env, 'REDIS_STREAM_LENGTH', 2000),
    clientDir: path.resolve(env.CLIENT_DIR || './dist/client'),
    demoPassword: env.GONGXIE_DEMO_PASSWORD || undefined,
    secureCookies: env.COOKIE_SECURE === 'true',
    trustProxy: trustProxyFromEnv(env.TRUST_PROXY),
    sessionTtlMs: intFromEnv(env, 'SESSION_TTL_HOURS', 24 * 14) * 3600_000,
    keepaliveMs: intFromEnv(env, 'KEEPALIVE_MS', 15_000),
    unloadGraceMs: intFromEnv(env, 'UNLOAD_GRACE_MS', 10_000),
    maxFrameBytes: intFromEnv(env, 'MAX_FRAME_BYTES', 8 * 1024 * 1024),
    compactAfterUpdates: intFromEnv(env, 'COMPACT_AFTER_UPDATES', 500),
    commitIntervalMs: intFromEnv(env, 'COMMIT_INTERVAL_MS', 50),
    autoVersionMs: intFromEnv(env, 'AUTO_VERSION_MINUTES', 10) * 60_000,
    logLevel: (env.LOG_LEVEL as LogLevel) || 'info',
  };
}
