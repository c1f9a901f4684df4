import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SIP_ENTERPRISE } from '../support/fixtures';
import { useTestService } from '../support/service';

/** `npm run profiles -- import` writes a batch into the service's database as the API does. */
const svc = useTestService({ today: '2025-06-30' });
const run = promisify(execFile);

it('imports a batch from a file, reports refused rows (exit code 3), and changes nothing the second time', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
  try {
    const file = join(dir, 'rows.jsonl');
    const row = { beneficiary: SIP_ENTERPRISE, validFor: '2024-12-31', facts: { rdExpense: '2500000' } };
    writeFileSync(file, `${JSON.stringify(row)}\n{"beneficiary":{}}\n`);
    const env = { ...process.env, MONGODB_URI: svc().uri };
    const args = ['tsx', 'src/cli/profiles.ts', 'import', '--source', 'SZ-TAX', '--batch', 'cli-1', file];
    const first = await run('npx', args, { env }).then(
      () => { throw new Error('exit code 0 despite a refused row'); },
      (e: { code: number; stdout: string }) => e,
    );
    expect(first.code).toBe(3);
    expect(JSON.parse(first.stdout)).toMatchObject({ imported: 1, unchanged: 0, refused: [{ line: 2, errors: expect.arrayContaining([{ pointer: '/beneficiary/uscc', detail: 'is required' }]) }] });
    const second = await run('npx', args, { env }).catch((e: { stdout: string }) => e);
    expect(JSON.parse(second.stdout)).toMatchObject({ imported: 0, unchanged: 1 });
    const view = await svc().runtime.context.profiles.get(SIP_ENTERPRISE.uscc, '2025-01-01');
    expect(view.origins.rdExpense).toMatchObject({ source: 'SZ-TAX', batch: 'cli-1' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
