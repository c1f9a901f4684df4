import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { issueKey } from '../../src/access/api-keys';
import type { Role } from '../../src/access/roles';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { startRuntime, type Runtime } from '../../src/runtime';
import { startFerretDb, type EmbeddedDatabase } from '../../src/store/embedded-ferretdb';
import type { DeliveryPolicy } from '../../src/webhooks/policy';

export type Caller = Role | 'suzhou-applicant' | 'guangzhou-applicant' | 'other-applicant';

export interface TestService {
  app: Express;
  runtime: Runtime;
  uri: string;
  /** The embedded FerretDB (EMBEDDED_DB picks its backend), unless MONGODB_URI is set. */
  embedded?: EmbeddedDatabase;
  /** A bearer token for each kind of caller: every role with all jurisdictions, and scoped applicants. */
  tokens: Record<Caller, string>;
  /** Requests made with a caller's key. */
  as(caller: Caller): { get(url: string): request.Test; post(url: string): request.Test; put(url: string): request.Test; delete(url: string): request.Test };
  /** Starts a new runtime on the same database, as after a restart. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A real service on a throw-away FerretDB (or on MONGODB_URI's server, in a fresh database). */
export async function startTestService(today = '2025-03-15', options: { rateLimitPerMinute?: number; corsOrigins?: string[]; rulesDir?: string; webhookDelivery?: Partial<DeliveryPolicy> } = {}): Promise<TestService> {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  let dir: string | undefined;
  let uri: string;
  if (config.mongodbUri) {
    const u = new URL(config.mongodbUri);
    u.pathname = `/test_${process.pid}_${Date.now()}`;
    uri = u.toString();
  } else {
    dir = mkdtempSync(join(tmpdir(), 'subsidy-test-'));
    embedded = await startFerretDb(config.ferretDbBinary, dir, 'test', undefined, { backend: config.embeddedDb });
    uri = embedded.uri;
  }
  const writeConcern = { w: 1, journal: true } as const;
  let runtime: Runtime;
  try {
    runtime = await startRuntime({ mongodbUri: uri, writeConcern, bodyLimit: '100kb', embedded, ...options, today: () => today });
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  const tokens = {} as Record<Caller, string>;
  const callers: [Caller, Role, string[]][] = [
    ['applicant', 'applicant', ['*']],
    ['policy-staff', 'policy-staff', ['*']],
    ['auditor', 'auditor', ['*']],
    ['admin', 'admin', ['*']],
    ['suzhou-applicant', 'applicant', ['320500']],
    ['guangzhou-applicant', 'applicant', ['440100']],
    ['other-applicant', 'applicant', ['*']],
  ];
  for (const [caller, role, jurisdictions] of callers) {
    const { record, token } = issueKey(`test ${caller}`, role, jurisdictions);
    await runtime.context.keys.create(record);
    tokens[caller] = token;
  }
  const service: TestService = {
    uri,
    embedded,
    runtime,
    tokens,
    as(caller) {
      const auth = `Bearer ${tokens[caller]}`;
      return {
        get: (url) => request(service.app).get(url).set('Authorization', auth),
        post: (url) => request(service.app).post(url).set('Authorization', auth),
        put: (url) => request(service.app).put(url).set('Authorization', auth),
        delete: (url) => request(service.app).delete(url).set('Authorization', auth),
      };
    },
    app: undefined as unknown as Express,
    async restart() {
      await service.runtime.database.close();
      service.runtime = await startRuntime({ mongodbUri: uri, writeConcern, today: () => today, embedded, rulesDir: options.rulesDir });
      service.app = buildApp(service.runtime.context);
    },
    async stop() {
      await service.runtime.database.close().catch(() => undefined);
      if (config.mongodbUri) {
        // a throw-away database on a real server is dropped by the next run's name change
      }
      await embedded?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  service.app = buildApp(service.runtime.context);
  return service;
}

/**
 * Starts a test service for the file (before all its tests, stopped after), optionally
 * checking the money invariants after every test. Returns an accessor: the service can restart.
 */
export function useTestService(options: { checkInvariants?: boolean; today?: string; rateLimitPerMinute?: number; corsOrigins?: string[]; webhookDelivery?: Partial<DeliveryPolicy> } = {}): () => TestService {
  let svc: TestService | undefined;
  beforeAll(async () => {
    svc = await startTestService(options.today, options);
  });
  afterAll(async () => {
    await svc?.stop();
  });
  if (options.checkInvariants) {
    afterEach(async () => {
      const { expectMoneyInvariants } = await import('./invariants');
      await expectMoneyInvariants(svc!.runtime.context.models);
    });
  }
  return () => svc!;
}
