import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { indexIdLookups } from './id-indexes';
import { freePort, waitForPort } from './ports';

export type EmbeddedBackend = 'sqlite' | 'postgresql';

export interface EmbeddedDatabase {
  uri: string;
  dataDir: string;
  port: number;
  backend: EmbeddedBackend;
  /** The PostgreSQL cluster's URL, for tools (EMBEDDED_DB=postgresql only). */
  postgresUrl?: string;
  /**
   * Makes FerretDB's `_id` lookups index-served in every collection that exists now (call it
   * once the service has created its collections); returns the plan the backend reports.
   */
  indexIdLookups(): Promise<string[]>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  backend?: EmbeddedBackend;
  /** The client pool the service will use: PostgreSQL's pool is made more than twice as large. */
  clientPoolSize?: number;
}

/**
 * Starts FerretDB (a MongoDB-protocol server) on a free loopback port with its data in
 * `dataDir`: over SQLite files (no set-up), or over a private PostgreSQL cluster kept in the
 * same folder. The binary comes from scripts/ensure-ferretdb.sh.
 */
export async function startFerretDb(binary: string, dataDir: string, database: string, fixedPort?: number, options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const backend = options.backend ?? 'sqlite';
  mkdirSync(dataDir, { recursive: true });
  const postgres = backend === 'postgresql' ? await startPostgres(dataDir) : undefined;
  // A free port can be taken by another process before FerretDB binds it: try another one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnPort(binary, dataDir, database, fixedPort ?? (await freePort()), backend, postgres, options.clientPoolSize ?? 16);
    } catch (e) {
      if (fixedPort !== undefined || attempt >= 5 || !/address already in use/.test((e as Error).message)) {
        await postgres?.stop();
        throw e;
      }
    }
  }
}

async function startOnPort(binary: string, dataDir: string, database: string, port: number, backend: EmbeddedBackend, postgres: EmbeddedPostgres | undefined, clientPool: number): Promise<EmbeddedDatabase> {
  // FerretDB holds one connection for the read of an update and waits for a second for its
  // write: with fewer than twice the client's connections it can wait forever.
  const pgUrl = postgres ? `${postgres.url}?pool_max_conns=${2 * clientPool + 8}` : undefined;
  const child = spawn(
    binary,
    [
      `--handler=${backend}`,
      ...(pgUrl ? [`--postgresql-url=${pgUrl}`] : [`--sqlite-url=file:${dataDir}/`]),
      '--telemetry=disable',
      '--debug-addr=-',
      `--state-dir=${dataDir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--log-level=error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  try {
    await waitForPort(port, child, 15000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  return {
    uri: `mongodb://127.0.0.1:${port}/${database}`,
    dataDir,
    port,
    backend,
    postgresUrl: postgres?.url,
    indexIdLookups: () => indexIdLookups(backend === 'sqlite' ? { sqliteFile: join(dataDir, `${database}.sqlite`) } : { postgresUrl: postgres!.url, schema: database }),
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
      await postgres?.stop();
    },
  };
}
