import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { startFerretDb } from '../store/embedded-ferretdb';

/**
 * While the service runs on the embedded FerretDB it writes `instance.json` into the data
 * folder (its pid and the database URI), so command-line tools find the running database
 * instead of asking for a port from the log; it removes the file when it stops.
 */
export interface InstanceInfo {
  pid: number;
  uri: string;
  startedAt: string;
}

export const instanceFile = (dataDir: string): string => join(dataDir, 'instance.json');

export function writeInstanceFile(dataDir: string, uri: string): void {
  const info: InstanceInfo = { pid: process.pid, uri, startedAt: new Date().toISOString() };
  writeFileSync(instanceFile(dataDir), JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
}

/** Removes the file if it is this process's (a second service on the folder keeps its own). */
export function removeInstanceFile(dataDir: string): void {
  const file = instanceFile(dataDir);
  try {
    if ((JSON.parse(readFileSync(file, 'utf8')) as InstanceInfo).pid === process.pid) rmSync(file, { force: true });
  } catch {
    // no file, or not readable: nothing to remove
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function answers(uri: string): Promise<boolean> {
  const { hostname, port } = new URL(uri);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The URI of the service's running embedded database on this data folder, if one runs. */
export async function runningInstance(dataDir: string): Promise<InstanceInfo | undefined> {
  const file = instanceFile(dataDir);
  if (!existsSync(file)) return undefined;
  let info: InstanceInfo;
  try {
    info = JSON.parse(readFileSync(file, 'utf8')) as InstanceInfo;
  } catch {
    return undefined;
  }
  return alive(info.pid) && (await answers(info.uri)) ? info : undefined;
}

/**
 * The embedded database for a tool: the running service's, or (none running) a FerretDB of
 * its own on the data folder, stopped by `release`.
 */
export async function openEmbedded(binary: string, dataDir: string, database: string): Promise<{ uri: string; origin: string; release(): Promise<void> }> {
  const running = await runningInstance(dataDir);
  if (running) return { uri: running.uri, origin: `the running service (pid ${running.pid})`, release: async () => undefined };
  if (!existsSync(binary)) throw new Error(`no FerretDB binary at ${binary}: run npm install (or scripts/ensure-ferretdb.sh)`);
  const own = await startFerretDb(binary, dataDir, database);
  return { uri: own.uri, origin: `a FerretDB started on ${dataDir}`, release: () => own.stop() };
}
