import { join } from 'node:path';
import { PROJECT_ROOT } from './paths';

export interface Config {
  port: number;
  mongodbUri?: string;
  dataDir: string;
  /** The embedded FerretDB's backend when MONGODB_URI is not set. */
  embeddedDb: 'sqlite' | 'postgresql';
  ferretDbBinary: string;
  writeConcern: { w: 'majority' | number; journal: boolean };
  bodyLimit: string;
  logLevel: string;
  rateLimitPerMinute: number;
  corsOrigins: string[];
  apiKeysFile?: string;
  /** The rules folder (default rules/): what the service loads, and reloads on SIGHUP or an admin request. */
  rulesDir?: string;
  /** A bearer token a Prometheus scraper may send to /metrics (admin API keys always may). */
  metricsToken?: string;
  /** How long SIGTERM waits for requests in flight before closing their connections. */
  shutdownTimeoutMs: number;
  /** The key sealing webhook signing secrets at rest: WEBHOOK_SECRETS_KEY (64 hex digits), else a key file. */
  webhookSecretsKey?: string;
  /** Where the key file is made and kept when WEBHOOK_SECRETS_KEY is not set (outside the database). */
  webhookSecretsKeyFile: string;
}

/** The only reader of process.env: checked once, frozen; a bad value stops the start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  const w = env.WRITE_CONCERN_W ?? 'majority';
  if (w !== 'majority' && !/^[0-9]+$/.test(w)) throw new Error(`WRITE_CONCERN_W must be "majority" or a number, not ${w}`);
  const journal = (env.WRITE_CONCERN_JOURNAL ?? 'true') !== 'false';
  const rateLimitPerMinute = Number(env.RATE_LIMIT_PER_MINUTE ?? 600);
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1) throw new Error(`RATE_LIMIT_PER_MINUTE must be a positive integer, not ${env.RATE_LIMIT_PER_MINUTE}`);
  const shutdownTimeoutMs = Number(env.SHUTDOWN_TIMEOUT_MS ?? 30000);
  if (!Number.isInteger(shutdownTimeoutMs) || shutdownTimeoutMs < 0) throw new Error(`SHUTDOWN_TIMEOUT_MS must be a non-negative integer, not ${env.SHUTDOWN_TIMEOUT_MS}`);
  if (env.WEBHOOK_SECRETS_KEY && !/^[0-9a-fA-F]{64}$/.test(env.WEBHOOK_SECRETS_KEY.trim())) throw new Error('WEBHOOK_SECRETS_KEY must be 64 hexadecimal digits (32 bytes)');
  const embeddedDb = env.EMBEDDED_DB ?? 'sqlite';
  if (embeddedDb !== 'sqlite' && embeddedDb !== 'postgresql') throw new Error(`EMBEDDED_DB must be "sqlite" or "postgresql", not ${env.EMBEDDED_DB}`);
  return Object.freeze({
    port,
    mongodbUri: env.MONGODB_URI || undefined,
    dataDir: env.DATA_DIR ?? join(PROJECT_ROOT, '.data', 'ferretdb'),
    embeddedDb,
    ferretDbBinary: env.FERRETDB_BIN ?? join(PROJECT_ROOT, '.tools', 'ferretdb-v1.24.2'),
    writeConcern: Object.freeze({ w: w === 'majority' ? ('majority' as const) : Number(w), journal }),
    bodyLimit: env.BODY_LIMIT ?? '100kb',
    logLevel: env.LOG_LEVEL ?? 'info',
    rateLimitPerMinute,
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    apiKeysFile: env.API_KEYS_FILE || undefined,
    rulesDir: env.RULES_DIR || undefined,
    metricsToken: env.METRICS_TOKEN || undefined,
    shutdownTimeoutMs,
    webhookSecretsKey: env.WEBHOOK_SECRETS_KEY || undefined,
    webhookSecretsKeyFile: env.WEBHOOK_SECRETS_KEY_FILE ?? join(PROJECT_ROOT, '.data', 'secrets', 'webhook-secrets.key'),
  });
}

/** Today in China Standard Time, the default application date. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
