import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiKeyRecord } from '../../src/access/api-keys';
import { PROJECT_ROOT } from '../../src/paths';
import { freePort } from '../../src/store/ports';

export interface ServiceProcess {
  child: ChildProcess;
  base: string;
  stop(): Promise<void>;
}

/** A key file (API_KEYS_FILE) holding one key, for service processes started by tests. */
export function writeKeysFile(dir: string, record: ApiKeyRecord): string {
  const file = join(dir, 'keys.json');
  writeFileSync(file, JSON.stringify([{ id: record.id, name: record.name, role: record.role, jurisdictions: record.jurisdictions, secretHash: record.secretHash }]));
  return file;
}

/** Starts src/server.ts as a process of its own on `uri`, on a free port, and waits until it is ready. */
export async function startServiceProcess(uri: string, keysFile: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'server.ts')], {
      env: { ...process.env, MONGODB_URI: uri, PORT: String(port), API_KEYS_FILE: keysFile, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '1000000', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 1200 && child.exitCode === null; i++) {
      try {
        if ((await fetch(`${base}/readyz`)).status === 200) {
          return {
            child,
            base,
            stop: () =>
              new Promise<void>((resolve) => {
                if (child.exitCode !== null) return resolve();
                child.once('exit', () => resolve());
                child.kill('SIGTERM');
                setTimeout(() => child.kill('SIGKILL'), 10000).unref();
              }),
          };
        }
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
  }
  throw new Error('the service process did not start');
}
