import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

/** Processes whose command line mentions `text`: FerretDB is started with its data folder. */
function processesMentioning(text: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(text) && !l.includes('ps -eo')).map((l) => Number(l.trim().split(/\s+/)[0]));
}

const dir = mkdtempSync(join(tmpdir(), 'failed-start-'));
// the data folder lies inside: PostgreSQL's system user (EMBEDDED_DB=postgresql as root) must pass through
chmodSync(dir, 0o711);
afterAll(() => {
  for (const pid of processesMentioning(dir)) process.kill(pid, 'SIGKILL'); // only what this test started
  rmSync(dir, { recursive: true, force: true });
});

it('a start that fails after starting the embedded database stops that database', async () => {
  const keysFile = join(dir, 'keys.json');
  writeFileSync(keysFile, JSON.stringify([{ id: 'not-a-key-id', name: 'broken', role: 'applicant', jurisdictions: ['*'], secretHash: 'x' }]));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir, 'data'), API_KEYS_FILE: keysFile, PORT: '0', LOG_LEVEL: 'error' };
  delete env.MONGODB_URI;
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'server.ts')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  expect(code).toBe(1);
  expect(stderr).toContain('malformed');
  // FerretDB was started (its data folder exists) and is gone
  expect(execFileSync('ls', [join(dir, 'data')], { encoding: 'utf8' })).toBeDefined();
  expect(processesMentioning(join(dir, 'data'))).toEqual([]);
}, 60_000);
