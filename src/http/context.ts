import type { Logger } from 'pino';
import type { ProgramCatalog } from '../rules/catalog';
import type { EligibilityChecks } from '../service/eligibility';
import type { Submissions } from '../service/submissions';
import type { Statistics } from '../statistics/statistics';
import type { Warnings } from '../warnings/warnings';
import type { Metrics } from '../metrics/metrics';
import type { ApiKeyStore } from '../store/api-key-store';
import type { AuditLog } from '../audit/audit-log';
import type { CorrectionChain } from '../store/correction-chain';
import type { Repositories } from '../store/repositories';
import type { SchemaRegistry } from '../validation/schema-registry';
import type { ReloadResult, RuleLoadTrigger } from '../service/rule-reload';
import type { SimulationJobs } from '../simulation/jobs';
import type { Webhooks } from '../webhooks/webhooks';
import type { Profiles } from '../profiles/profiles';
import type { Matching } from '../matching/matching';
import type { AutoGrants } from '../matching/auto-grants';

/** What the HTTP layer needs: built once by the server (or a test) and handed to the app. */
export interface AppContext {
  registry: SchemaRegistry;
  catalog: ProgramCatalog;
  /** MongoDB through src/store's repositories: handlers reach stored documents only through these and the services below, never through models. */
  repositories: Repositories;
  /** The append-only audit log (src/audit/). */
  audit: AuditLog;
  /** Corrections and withdrawals of decisions, in their own hash chain. */
  corrections: CorrectionChain;
  submissions: Submissions;
  eligibility: EligibilityChecks;
  logger: Logger;
  bodyLimit: string;
  openapi: Record<string, unknown>;
  keys: ApiKeyStore;
  rateLimitPerMinute: number;
  /** Origins allowed by CORS; none: CORS off. */
  corsOrigins: string[];
  databaseReachable(): Promise<boolean>;
  /** Reloads the rule files all or nothing (POST /v1/rule-reloads); absent where nothing can reload. */
  reloadRules?(trigger: RuleLoadTrigger): Promise<ReloadResult>;
  /** Policy staff's simulation jobs (POST/GET /v1/simulations). */
  simulations?: SimulationJobs;
  /** Statistics over the decision log and the budget ledgers (src/statistics/). */
  statistics: Statistics;
  /** Risk warnings (src/warnings/): `warnings.onRaised(listener)` hears each warning raised. */
  warnings: Warnings;
  /** Prometheus metrics (src/metrics/), served at /metrics. */
  metrics: Metrics;
  /** The bearer token a scraper may use for /metrics (METRICS_TOKEN); admin keys always may. */
  metricsToken?: string;
  /** Signed webhook deliveries: `publish(topic, payload)` for any capability. */
  webhooks: Webhooks;
  /** Enterprise profiles (一企一档): batches of facts per source, read as of a date. */
  profiles: Profiles;
  /** Proactive matching runs over the profiles (政策找企业). */
  matching: Matching;
  /** Grants without application (免申即享): review setting and held proposals. */
  autoGrants: AutoGrants;
}
