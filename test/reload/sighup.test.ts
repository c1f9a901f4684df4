import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES_DIR } from '../../src/paths';
import { versionContentHash } from '../../src/rules/content-hash';
import { readDevelopmentKeys } from '../../src/service/development-keys';
import { startServerProcess, type ServerProcess } from '../support/server-process';

jest.setTimeout(240000);

let dataDir: string;
let rulesDir: string;
let server: ServerProcess | undefined;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'subsidy-sighup-'));
  rulesDir = mkdtempSync(join(tmpdir(), 'subsidy-sighup-rules-'));
  cpSync(RULES_DIR, rulesDir, { recursive: true });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(rulesDir, { recursive: true, force: true });
});

async function until(what: () => boolean | Promise<boolean>, label: string): Promise<void> {
  const deadline = Date.now() + 60000;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

it('reloads the rule files on SIGHUP, and keeps the old set when the new one does not validate', async () => {
  server = await startServerProcess(dataDir, { RULES_DIR: rulesDir });
  const keys = readDevelopmentKeys(join(dataDir, 'dev-api-keys.env'));
  const versions = async () => {
    const res = await fetch(`${server!.url}/v1/programs/440112/vc-settlement-reward`, { headers: { Authorization: `Bearer ${keys['policy-staff']}` } });
    return ((await res.json()) as { versions: { version: string }[] }).versions.map((v) => v.version);
  };
  expect(await versions()).toEqual(['2020-06-01']);

  // the service's own process (tsx runs it as a child and does not pass SIGHUP on): its log says its pid
  const pid = (JSON.parse(server.lines[0]!) as { pid: number }).pid;
  const hangUp = () => process.kill(pid, 'SIGHUP');
  const file = join(rulesDir, '440112', 'vc-settlement-reward', 'pack.json');
  const pack = JSON.parse(readFileSync(file, 'utf8'));
  const next = { ...structuredClone(pack.versions[0]), version: '2025-01-01', effectiveFrom: '2025-01-01' };
  delete next.contentHash;
  next.parameters.partnershipLifetimeCap.value = '25000000';
  next.contentHash = versionContentHash(next);
  pack.versions.push(next);
  writeFileSync(file, JSON.stringify(pack, null, 2));
  hangUp();
  await until(() => server!.lines.some((l) => l.includes('rules reloaded')), 'the reload');
  expect(await versions()).toEqual(['2020-06-01', '2025-01-01']);

  pack.versions[1].parameters.partnershipLifetimeCap.value = '30000000'; // a published version edited
  writeFileSync(file, JSON.stringify(pack, null, 2));
  hangUp();
  await until(() => server!.lines.some((l) => l.includes('rule reload refused')), 'the refusal');
  const refusal = server.lines.find((l) => l.includes('rule reload refused'))!;
  expect(refusal).toContain('/versions/1/contentHash');
  expect(JSON.parse(refusal).trigger).toEqual({ by: 'signal', signal: 'SIGHUP' });
  expect(await versions()).toEqual(['2020-06-01', '2025-01-01']);
  expect(server.child.exitCode).toBeNull();
});
