import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SIP_ENTERPRISE } from '../support/fixtures';
import { useTestService } from '../support/service';

/** The command line imports JSON Lines into the service's database, idempotently, and reports refused lines. */
const svc = useTestService();
const run = promisify(execFile);

it('imports a file, reports refused lines with exit code 1, and changes nothing the second time', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'awards-'));
  try {
    const file = join(dir, 'awards.jsonl');
    const row = { source: 'cli-test', row: '1', ref: '台账第1行', program: '320571/loan-interest-subsidy', beneficiary: SIP_ENTERPRISE, paidOn: '2022-06-30', amount: '14000', facts: { subsidyYear: 2021, loanId: 'CLI-1' } };
    writeFileSync(file, `${JSON.stringify(row)}\n{"source":"cli-test"}\n`);
    const env = { ...process.env, MONGODB_URI: svc().uri };
    const first = await run('npx', ['tsx', 'src/cli/import-prior-awards.ts', file], { env }).then(
      () => { throw new Error('exit code 0 despite a refused line'); },
      (e: { code: number; stdout: string }) => e,
    );
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout)).toMatchObject({ imported: 1, unchanged: 0, refused: [{ line: 2 }] });
    writeFileSync(file, `${JSON.stringify(row)}\n`);
    const second = await run('npx', ['tsx', 'src/cli/import-prior-awards.ts', file], { env });
    expect(JSON.parse(second.stdout)).toEqual({ imported: 0, unchanged: 1, refused: [] });
    expect(await svc().runtime.context.models.priorAwards.countDocuments({})).toBe(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
