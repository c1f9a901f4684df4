import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

export interface EmbeddedDatabase {
  uri: string;
  dataDir: string;
  port: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`FerretDB did not listen on port ${port} within ${timeoutMs} ms`);
}

/**
 * Starts FerretDB (a MongoDB-protocol server over SQLite files) on a free loopback port with
 * its data in `dataDir`. The binary comes from scripts/ensure-ferretdb.sh.
 */
export async function startFerretDb(binary: string, dataDir: string, database: string, fixedPort?: number): Promise<EmbeddedDatabase> {
  // A free port can be taken by another process before FerretDB binds it: try another one.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnPort(binary, dataDir, database, fixedPort ?? (await freePort()));
    } catch (e) {
      if (fixedPort !== undefined || attempt >= 5 || !/address already in use/.test((e as Error).message)) throw e;
    }
  }
}

async function startOnPort(binary: string, dataDir: string, database: string, port: number): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
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
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
