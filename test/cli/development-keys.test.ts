import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDevelopmentKeys } from '../../src/service/development-keys';
import { readmeFirstExample } from '../support/readme-example';
import { runCliTool, startServerProcess, type ServerProcess } from '../support/server-process';

jest.setTimeout(240000);

let dataDir: string;
let server: ServerProcess | undefined;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'subsidy-devkeys-'));
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function submitReadmeExample(url: string, token: string) {
  const ex = readmeFirstExample();
  const res = await fetch(url + ex.path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': ex.idempotencyKey },
    body: JSON.stringify(ex.body),
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as { application: { id: string } } };
}

it('keeps the development keys of a data folder across restarts: the README example replays with the key from the file', async () => {
  server = await startServerProcess(dataDir);
  const keys = readDevelopmentKeys(join(dataDir, 'dev-api-keys.env'));
  expect(Object.keys(keys).sort()).toEqual(['admin', 'applicant', 'auditor', 'policy-staff']);
  const first = await submitReadmeExample(server.url, keys.applicant!);
  expect(first.status).toBe(201);
  expect(first.replayed).toBeNull();
  // no secret of the file is in the log
  const log = server.lines.join('\n');
  for (const token of Object.values(keys)) expect(log).not.toContain(token!.slice(16));
  await server.stop();

  server = await startServerProcess(dataDir);
  expect(readDevelopmentKeys(join(dataDir, 'dev-api-keys.env'))).toEqual(keys);
  const again = await submitReadmeExample(server.url, keys.applicant!);
  expect(again.status).toBe(201);
  expect(again.replayed).toBe('true');
  expect(again.body.application.id).toBe(first.body.application.id);
});

it('npm run keys works against the running embedded service, and rotate-dev replaces the development keys', async () => {
  const before = readDevelopmentKeys(join(dataDir, 'dev-api-keys.env'));
  const env = { MONGODB_URI: '', DATA_DIR: dataDir };
  const created = runCliTool('api-keys.ts', ['create', '--name', 'Suzhou portal', '--role', 'applicant', '--jurisdiction', '320500'], env);
  expect(created.stderr).toContain('through the running service');
  expect(created.status).toBe(0);
  const token = /^(sk_\S+)$/m.exec(created.stdout)![1]!;
  const read = await fetch(`${server!.url}/v1/programs`, { headers: { Authorization: `Bearer ${token}` } });
  expect(read.status).toBe(200);

  const rotated = runCliTool('api-keys.ts', ['rotate-dev'], env);
  expect(rotated.status).toBe(0);
  const after = readDevelopmentKeys(join(dataDir, 'dev-api-keys.env'));
  expect(after.applicant).not.toBe(before.applicant);
  // the old key stops working (allowing for an authentication cache of up to 90 s)
  let oldKeyStatus = 0;
  for (const until = Date.now() + 90000; Date.now() < until; await new Promise((r) => setTimeout(r, 1000))) {
    // a pooled connection the server closed while the CLI (spawned synchronously) held the event
    // loop fails once with "other side closed": that is the client's socket, not an answer
    oldKeyStatus = (await fetch(`${server!.url}/v1/programs`, { headers: { Authorization: `Bearer ${before.admin}` } }).catch(() => ({ status: 0 }))).status;
    if (oldKeyStatus === 401) break;
  }
  expect(oldKeyStatus).toBe(401);
  const newKey = await fetch(`${server!.url}/v1/programs`, { headers: { Authorization: `Bearer ${after.admin}` } });
  expect(newKey.status).toBe(200);
  const listed = runCliTool('api-keys.ts', ['list'], env);
  expect(listed.stdout).toContain('Suzhou portal');
  expect(listed.stdout).not.toContain(after.admin!.slice(16));
});

it('npm run keys starts its own FerretDB on the data folder when no service runs', async () => {
  await server!.stop();
  server = undefined;
  const listed = runCliTool('api-keys.ts', ['list'], { MONGODB_URI: '', DATA_DIR: dataDir });
  expect(listed.stderr).toContain('a FerretDB started on');
  expect(listed.status).toBe(0);
  expect(listed.stdout).toContain('Suzhou portal');
});
