import pino, { type Logger } from 'pino';
import { todayInChina } from './config';
import type { AppContext } from './http/context';
import { bundleOpenApi } from './http/openapi';
import { loadCatalog } from './rules/catalog';
import { connectDatabase, type Database } from './store/database';
import { ApiKeyStore } from './store/api-key-store';
import { MongoLedgers } from './store/mongo-ledgers';
import { createRepositories } from './store/repositories';
import { SchemaRegistry } from './validation/schema-registry';
import { EligibilityChecks } from './service/eligibility';
import { LedgerRooms } from './service/ledger-rooms';
import { recordRuleVersions } from './service/rule-versions';
import { Submissions } from './service/submissions';
import { profileServices } from './profile-services';
import type { DeliveryPolicy } from './webhooks/policy';

export interface Runtime {
  context: AppContext;
  database: Database;
  recovered: number;
  /** Interrupted applications whose deciding failed at start-up: set aside, listed for admins. */
  setAside: number;
}

/** Loads the rules, connects, records rule versions, finishes interrupted work: ready to serve. */
export async function startRuntime(options: {
  mongodbUri: string;
  writeConcern: { w: 'majority' | number; journal: boolean };
  bodyLimit?: string;
  logger?: Logger;
  today?: () => string;
  rateLimitPerMinute?: number;
  corsOrigins?: string[];
  apiKeysFile?: string;
  /** The embedded database the service started, whose `_id` lookups are indexed once the collections exist. */
  embedded?: { indexIdLookups(): Promise<string[]> };
  /** Command monitoring on the connection (benchmarks count round trips). */
  monitorCommands?: boolean;
  /** Webhook retries (tests shorten the backoff). */
  webhookDelivery?: Partial<DeliveryPolicy>;
}): Promise<Runtime> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const registry = new SchemaRegistry();
  const catalog = loadCatalog(registry);
  const database = await connectDatabase(options.mongodbUri, { ...options.writeConcern, monitorCommands: options.monitorCommands });
  try {
    await options.embedded?.indexIdLookups();
  } catch (e) {
    await database.close().catch(() => undefined);
    throw e;
  }
  const today = options.today ?? (() => todayInChina());
  const ledgers = new MongoLedgers(database.models);
  // estimates read ledger room through a short cache that this process's own takes invalidate
  const rooms = new LedgerRooms(ledgers);
  const submissions = new Submissions(database.models, catalog, rooms.writing, today, logger);
  let recovered: number;
  let setAside: number;
  let keys: ApiKeyStore;
  const { webhooks, profiles, counterfactuals, autoGrants, matching } = profileServices({ models: database.models, catalog, registry, submissions, today, logger, webhookDelivery: options.webhookDelivery });
  try {
    keys = new ApiKeyStore(database.models, options.apiKeysFile);
    await recordRuleVersions(database.models, catalog);
    ({ recovered, setAside } = await submissions.recover());
    // deliveries a previous run left pending resume; the dispatcher stops when the database closes
    await webhooks.start();
  } catch (e) {
    await database.close().catch(() => undefined);
    throw e;
  }
  const context: AppContext = {
    webhooks,
    profiles,
    matching,
    autoGrants,
    registry,
    catalog,
    models: database.models,
    repositories: createRepositories(database.models, { ledgers, keys }),
    submissions,
    eligibility: Object.assign(new EligibilityChecks(catalog, rooms.estimating, today), { counterfactuals }),
    logger,
    bodyLimit: options.bodyLimit ?? '100kb',
    openapi: bundleOpenApi(registry.documents),
    keys,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
    corsOrigins: options.corsOrigins ?? [],
    databaseReachable: async () => {
      try {
        await database.connection.db!.admin().ping();
        return true;
      } catch {
        return false;
      }
    },
  };
  const close = database.close;
  database.close = async () => {
    await webhooks.stop();
    await close();
  };
  return { context, database, recovered, setAside };
}
