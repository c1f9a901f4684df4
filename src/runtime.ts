import pino, { type Logger } from 'pino';
import { loadConfig, todayInChina } from './config';
import type { AppContext } from './http/context';
import { bundleOpenApi } from './http/openapi';
import { loadCatalog, type ProgramCatalog } from './rules/catalog';
import { RULES_DIR } from './paths';
import { RuleReloader, type ReloadResult, type RuleLoadEvents, type RuleLoadTrigger } from './service/rule-reload';
import { MongoRuleLoadEvents } from './store/rule-load-events';
import { SimulationJobs } from './simulation/jobs';
import { SimulationJobStore } from './store/simulation-store';
import { simulationSource } from './store/simulation-source';
import { connectDatabase, type Database } from './store/database';
import { ApiKeyStore } from './store/api-key-store';
import { DecisionLog } from './store/decision-log';
import { MongoLedgers } from './store/mongo-ledgers';
import { createRepositories } from './store/repositories';
import { SchemaRegistry } from './validation/schema-registry';
import { EligibilityChecks } from './service/eligibility';
import { LedgerRooms } from './service/ledger-rooms';
import { recordRuleVersions } from './service/rule-versions';
import { Submissions } from './service/submissions';
import { logDecisions } from './service/decision-records';
import { Statistics } from './statistics/statistics';
import { WarningStore } from './store/warning-store';
import { loadWarningRules } from './warnings/rules';
import { Warnings, warningView } from './warnings/warnings';
import { auditLogOver } from './audit/audit-log';
import { correctionsOver } from './audit/corrections';
import type { Models } from './store/models';
import { SecretBox, secretsKey } from './store/secret-box';
import { auditedRuleLoads } from './audit/rule-loads';
import { Metrics } from './metrics/metrics';
import { onAdjudicated } from './adjudication/timing';
import { profileServices } from './profile-services';
import type { DeliveryPolicy } from './webhooks/policy';

/** The HTTP layer's context, and the models under it for tools and tests that seed or inspect the database. */
export type RuntimeContext = AppContext & { models: Models };

export interface Runtime {
  context: RuntimeContext;
  database: Database;
  /** Reloads the rule files, all or nothing (see RuleReloader); SIGHUP and POST /v1/rule-reloads call it. */
  reloadRules(trigger: RuleLoadTrigger): Promise<ReloadResult>;
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
  /** Command monitoring on the connection (benchmarks count round trips; /metrics times commands): on unless false. */
  monitorCommands?: boolean;
  /** The rules folder (default rules/); reloads read it again. */
  rulesDir?: string;
  /** Where rule loads and reloads are recorded (default: the rule_load_events collection). */
  ruleLoadEvents?: RuleLoadEvents;
  /** The bearer token a scraper may send to /metrics (METRICS_TOKEN). */
  metricsToken?: string;
  /** Webhook retries (tests shorten the backoff). */
  webhookDelivery?: Partial<DeliveryPolicy>;
  /** Seals webhook signing secrets at rest; default: the configured key (WEBHOOK_SECRETS_KEY or its key file). */
  secretsKey?: Buffer;
}): Promise<Runtime> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const registry = new SchemaRegistry();
  const rulesDir = options.rulesDir ?? RULES_DIR;
  const catalog = loadCatalog(registry, rulesDir);
  const database = await connectDatabase(options.mongodbUri, { ...options.writeConcern, monitorCommands: options.monitorCommands ?? true });
  const ruleLoadEvents = new MongoRuleLoadEvents(database.connection);
  const simulationJobs = new SimulationJobStore(database.connection);
  const warningStore = new WarningStore(database.connection);
  try {
    // these collections exist before the embedded database indexes every collection's _id lookups
    await Promise.all([ruleLoadEvents.ensureCollection(), simulationJobs.ensureCollection(), warningStore.ensureCollections()]);
    await options.embedded?.indexIdLookups();
  } catch (e) {
    await database.close().catch(() => undefined);
    throw e;
  }
  const today = options.today ?? (() => todayInChina());
  const ledgers = new MongoLedgers(database.models);
  // estimates read ledger room through a short cache that this process's own takes invalidate
  const rooms = new LedgerRooms(ledgers);
  const decisionLog = new DecisionLog(database.models.decisionLog, { segments: database.models.decisionLogSegments });
  let recovered: number;
  let setAside: number;
  let keys: ApiKeyStore;
  let repositories: ReturnType<typeof createRepositories>;
  let submissions: Submissions;
  try {
    keys = new ApiKeyStore(database.models, options.apiKeysFile);
    repositories = createRepositories(database.models, { ledgers, keys, decisionLog });
    submissions = new Submissions(repositories, catalog, rooms.writing, today, logger, { recorders: [logDecisions(decisionLog, catalog)] });
  } catch (e) {
    await database.close().catch(() => undefined);
    throw e;
  }
  // services kept across reloads read the catalog in force through this
  let catalogInForce = catalog;
  const inForce = () => catalogInForce;
  const secrets = new SecretBox(options.secretsKey ?? configuredSecretsKey());
  const { webhooks, profiles, counterfactualsFor, autoGrants, matching } = profileServices({ models: database.models, catalog: inForce, registry, submissions: () => context.submissions, stores: repositories, today, logger, webhookDelivery: options.webhookDelivery, secrets });
  submissions.profiles = profiles;
  try {
    await recordRuleVersions(database.models, catalog);
    await decisionLog.load();
    // a segment that disagrees with its entries was refused (its entries read instead): say so
    for (const r of decisionLog.refusedSegments) logger.warn({ segment: r.k, reason: r.reason }, 'decision log segment refused; its entries were read instead (GET /v1/audit/verify reports it)');
    ({ recovered, setAside } = await submissions.recover());
    // deliveries a previous run left pending resume; the dispatcher stops when the database closes
    await webhooks.start();
  } catch (e) {
    await database.close().catch(() => undefined);
    throw e;
  }
  const statistics = new Statistics(inForce, decisionLog, ledgers, today);
  const warnings = new Warnings(loadWarningRules(registry), inForce, decisionLog, ledgers, warningStore, (id) => repositories.applications.get(id), today, logger);
  const metrics = new Metrics(() => context.catalog);
  metrics.observeCommands(database.connection.getClient());
  metrics.countDecisions([...decisionLog.records()]);
  decisionLog.onRecords((records) => metrics.countDecisions(records));
  const stopTiming = onAdjudicated((program, seconds) => metrics.engineSeconds.observe({ program }, seconds));
  database.connection.once('close', stopTiming);
  const context: RuntimeContext = {
    webhooks,
    profiles,
    matching,
    autoGrants,
    registry,
    catalog,
    models: database.models,
    repositories,
    audit: auditLogOver(database.models, decisionLog),
    corrections: correctionsOver(database.models),
    submissions,
    eligibility: Object.assign(new EligibilityChecks(catalog, rooms.estimating, today), { counterfactuals: counterfactualsFor(catalog) }),
    logger,
    bodyLimit: options.bodyLimit ?? '100kb',
    openapi: bundleOpenApi(registry.documents),
    keys,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
    corsOrigins: options.corsOrigins ?? [],
    statistics,
    warnings,
    metrics,
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
    databaseReachable: async () => {
      try {
        await database.connection.db!.admin().ping();
        return true;
      } catch {
        return false;
      }
    },
  };
  // A reload installs a new catalog with new services built on it, in one synchronous step:
  // a request reads ctx.submissions / ctx.eligibility once, so it decides on one set throughout.
  const install = (next: ProgramCatalog) => {
    const submissions = new Submissions(repositories, next, rooms.writing, today, logger, { recorders: [logDecisions(decisionLog, next)] });
    submissions.profiles = profiles;
    const eligibility = Object.assign(new EligibilityChecks(next, rooms.estimating, today), { counterfactuals: counterfactualsFor(next) });
    catalogInForce = next;
    Object.assign(context, { catalog: next, submissions, eligibility });
  };
  const reloader = new RuleReloader({
    registry,
    rulesDir,
    models: database.models,
    events: options.ruleLoadEvents ?? auditedRuleLoads(ruleLoadEvents, auditLogOver(database.models, decisionLog)),
    current: () => context.catalog,
    install,
    logger,
  });
  try {
    await reloader.loaded(catalog);
  } catch (e) {
    await database.close().catch(() => undefined);
    throw e;
  }
  context.reloadRules = (trigger) => reloader.reload(trigger);
  context.simulations = new SimulationJobs(simulationJobs, simulationSource(database.models), logger);
  // risk warnings go to the systems subscribed to them, signed and retried like every webhook
  warnings.onRaised(async (w) => {
    await webhooks.publish('risk-warning.raised', warningView(w, []) as unknown as Record<string, unknown>, { id: `risk-warning:${w._id}`, jurisdictions: w.jurisdictionChain });
  });
  const close = database.close;
  database.close = async () => {
    await webhooks.stop();
    await close();
  };
  return { context, database, recovered, setAside, reloadRules: (trigger) => reloader.reload(trigger) };
}

/** The secrets key as configured: WEBHOOK_SECRETS_KEY, else its key file (made on first use). */
function configuredSecretsKey(): Buffer {
  const config = loadConfig();
  return secretsKey({ value: config.webhookSecretsKey, file: config.webhookSecretsKeyFile });
}
