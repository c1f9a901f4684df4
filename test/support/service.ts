import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { startRuntime, type Runtime } from '../../src/service/runtime';
import { startFerretDb, type EmbeddedDatabase } from '../../src/store/embedded-ferretdb';

export interface TestService {
  app: Express;
  runtime: Runtime;
  uri: string;
  /** Starts a new runtime on the same database, as after a restart. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A real service on a throw-away FerretDB (or on MONGODB_URI's server, in a fresh database). */
export async function startTestService(today = '2025-03-15'): Promise<TestService> {
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
    embedded = await startFerretDb(config.ferretDbBinary, dir, 'test');
    uri = embedded.uri;
  }
  const writeConcern = { w: 1, journal: true } as const;
  let runtime: Runtime;
  try {
    runtime = await startRuntime({ mongodbUri: uri, writeConcern, today: () => today, bodyLimit: '100kb' });
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  const service: TestService = {
    uri,
    runtime,
    app: undefined as unknown as Express,
    async restart() {
      await service.runtime.database.close();
      service.runtime = await startRuntime({ mongodbUri: uri, writeConcern, today: () => today });
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
