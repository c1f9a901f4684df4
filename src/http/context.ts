import type { Logger } from 'pino';
import type { ProgramCatalog } from '../rules/catalog';
import type { EligibilityChecks } from '../service/eligibility';
import type { Submissions } from '../service/submissions';
import type { ApiKeyStore } from '../store/api-key-store';
import type { Models } from '../store/models';
import type { Repositories } from '../store/repositories';
import type { SchemaRegistry } from '../validation/schema-registry';
import type { Webhooks } from '../webhooks/webhooks';
import type { Profiles } from '../profiles/profiles';
import type { Matching } from '../matching/matching';
import type { AutoGrants } from '../matching/auto-grants';

/** What the HTTP layer needs: built once by the server (or a test) and handed to the app. */
export interface AppContext {
  registry: SchemaRegistry;
  catalog: ProgramCatalog;
  models: Models;
  /** MongoDB through src/store's repositories (handlers read stored documents only through these). */
  repositories: Repositories;
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
  /** Signed webhook deliveries: `publish(topic, payload)` for any capability. */
  webhooks: Webhooks;
  /** Enterprise profiles (一企一档): batches of facts per source, read as of a date. */
  profiles: Profiles;
  /** Proactive matching runs over the profiles (政策找企业). */
  matching: Matching;
  /** Grants without application (免申即享): review setting and held proposals. */
  autoGrants: AutoGrants;
}
