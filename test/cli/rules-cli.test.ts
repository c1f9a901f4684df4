import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliTool } from '../support/server-process';

jest.setTimeout(180000);

const FIXTURES = join('test', 'fixtures', 'rule-packs');
const PACK = join('440112', 'vc-settlement-reward', 'pack.json');
const rules = (...args: string[]) => runCliTool('rules.ts', args);

/** The error block the validator prints for one fixture: its file, the pointer, then English and Chinese. */
function block(stdout: string, fixture: string): string {
  const file = join(FIXTURES, fixture, PACK);
  const start = stdout.indexOf(file + '  ');
  if (start < 0) throw new Error(`no error reported for ${fixture}:\n${stdout}`);
  return stdout.slice(start, stdout.indexOf('\n', stdout.indexOf('  错误: ', start)));
}

describe('npm run rules -- validate', () => {
  it('passes the shipped packs and a valid fixture', () => {
    const r = rules('validate', 'rules', join(FIXTURES, 'valid'));
    expect(r.stdout).toContain('OK: 13 program(s)');
    expect(r.stdout).toContain('OK: 1 program(s), 1 version(s) valid');
    expect(r.status).toBe(0);
  });

  it('fails on each broken fixture, naming the file, the JSON pointer and the fault in English and Chinese', () => {
    const broken = ['unknown-fact', 'unknown-operator', 'undefined-parameter', 'overlapping-versions', 'gapped-versions', 'edited-published'];
    const r = rules('validate', ...broken.map((b) => join(FIXTURES, b)));
    expect(r.status).toBe(1);
    const expected: Record<string, [string, RegExp, RegExp]> = {
      'unknown-fact': ['/versions/0/eligibility/any/1/all/1/fact', /"paidInCapitl" is not a fact/, /“paidInCapitl”不是已知的事实/],
      'unknown-operator': ['/versions/0/eligibility/any/1/all/0/operator', /unknown operator: operator must be one of/, /运算符未知/],
      'undefined-parameter': ['/versions/0/eligibility/any/1/all/1/value/param', /parameter "partnershipMinPaidUp" is not defined/, /参数“partnershipMinPaidUp”未定义/],
      'overlapping-versions': ['/versions/1/effectiveFrom', /starts while version 2020-06-01 is still in force \(until 2024-12-31\)/, /重叠/],
      'gapped-versions': ['/versions/1/effectiveFrom', /leaves a gap: version 2020-06-01 ends on 2022-12-31/, /空档/],
      'edited-published': ['/versions/0/contentHash', /is published and its content changed/, /已发布版本在发布后被修改/],
    };
    for (const [fixture, [pointer, en, zh]] of Object.entries(expected)) {
      const b = block(r.stdout, fixture);
      expect(b.split('\n')[0]).toBe(`${join(FIXTURES, fixture, PACK)}  ${pointer}`);
      expect(b).toMatch(en);
      expect(b).toMatch(zh);
    }
    // one error per fault: a broken condition is reported once, by the definition its keys select
    expect(r.stdout.split('\n').filter((l) => l.startsWith(join(FIXTURES, 'unknown-operator')))).toHaveLength(1);
  });
});

describe('npm run rules -- test', () => {
  it('prints each failing case with expected and actual outcome, amount and the first differing step', () => {
    const r = rules('test', join(FIXTURES, 'failing-case'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAIL 440112/vc-settlement-reward: company, exactly 3亿 paid-in: 300万');
    expect(r.stdout).toContain('outcome  expected approved, actual approved');
    expect(r.stdout).toContain('amount   expected "3500000.00", actual "3000000.00"');
    expect(r.stdout).toMatch(/first differing step: step companyAward \(.*\): expected "3500000", actual "3000000"/);
    expect(r.stdout).toContain('3 passed, 1 failed');
    const ok = rules('test', join(FIXTURES, 'valid'));
    expect(ok.stdout).toContain('4 passed, 0 failed');
    expect(ok.status).toBe(0);
  });
});

describe('npm run rules -- new-version and diff', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rules-cli-'));
    cpSync(join(FIXTURES, 'valid'), dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the latest version into a draft with the date, and says what an edit changed', () => {
    const made = rules('new-version', '440112/vc-settlement-reward', '--from', '2027-01-01', '--rules', dir);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const file = join(dir, PACK);
    const pack = JSON.parse(readFileSync(file, 'utf8'));
    const [old, draft] = pack.versions;
    expect(draft).toEqual({ ...old, version: '2027-01-01', effectiveFrom: '2027-01-01', status: 'draft', contentHash: undefined });
    expect('contentHash' in draft).toBe(false);

    draft.parameters.partnershipLifetimeCap.value = '25000000';
    draft.eligibility.any[1].all[1].value = '150000000';
    writeFileSync(file, JSON.stringify(pack, null, 2));
    const d = rules('diff', '440112/vc-settlement-reward', '2020-06-01', '2027-01-01', '--rules', dir);
    expect(d.status).toBe(0);
    expect(d.stdout).toContain('parameter partnershipLifetimeCap');
    expect(d.stdout).toContain('20000000 → 25000000');
    expect(d.stdout).toContain('condition eligibility/any/1/all/1 changed: paidInCapital greaterThanInclusive parameter partnershipMinPaidIn → paidInCapital greaterThanInclusive 150000000');
    expect(d.stdout).toContain('status: published → draft');

    const again = rules('new-version', '440112/vc-settlement-reward', '--from', '2026-01-01', '--rules', dir);
    expect(again.stderr).toContain('must be after the latest version');
    expect(again.status).not.toBe(0);
  });
});
