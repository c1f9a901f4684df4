import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueKey } from '../../src/access/api-keys';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { startRuntime, type Runtime } from '../../src/runtime';
import { startFerretDb, type EmbeddedBackend, type EmbeddedDatabase } from '../../src/store/embedded-ferretdb';

export interface BenchService {
  rt: Runtime;
  ferret: EmbeddedDatabase;
  /** The service's base URL. */
  base: string;
  /** An applicant key of every jurisdiction. */
  token: string;
  stop(): Promise<void>;
}

/** The service on a fresh embedded database in a temporary folder, listening on a free port: for the storage probes. */
export async function startBenchService(backend: EmbeddedBackend, name: string): Promise<BenchService> {
  const dir = mkdtempSync(join(tmpdir(), `${name}-${backend}-`));
  const ferret = await startFerretDb(loadConfig().ferretDbBinary, dir, 'bench', undefined, { backend });
  const rt = await startRuntime({ mongodbUri: ferret.uri, writeConcern: { w: 1, journal: true }, embedded: ferret, rateLimitPerMinute: 1e9 });
  const { record, token } = issueKey(name, 'applicant', ['*']);
  await rt.context.keys.create(record);
  const server = await new Promise<Server>((resolve) => {
    const s = buildApp(rt.context).listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    rt,
    ferret,
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    token,
    async stop() {
      await new Promise((r) => server.close(r));
      server.closeAllConnections();
      await rt.database.close();
      await ferret.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
