import type { Request } from 'express';
import type { Logger } from 'pino';
import type { ProgramCatalog } from '../rules/catalog';
import type { EligibilityChecks } from '../service/eligibility';
import type { Submissions } from '../service/submissions';
import type { Models } from '../store/models';
import type { SchemaRegistry } from '../validation/schema-registry';

/** What the HTTP layer needs: built once by the server (or a test) and handed to the app. */
export interface AppContext {
  registry: SchemaRegistry;
  catalog: ProgramCatalog;
  models: Models;
  submissions: Submissions;
  eligibility: EligibilityChecks;
  logger: Logger;
  bodyLimit: string;
  openapi: Record<string, unknown>;
  databaseReachable(): Promise<boolean>;
  /** Who is calling: scopes idempotency keys (API keys come with the security issue). */
  clientOf(req: Request): string;
}
