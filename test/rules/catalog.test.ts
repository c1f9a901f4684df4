import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../src/rules/catalog';
import { RULES_DIR } from '../../src/paths';
import { versionsInForce } from '../../src/adjudication/version-selection';
import { SchemaRegistry } from '../../src/validation/schema-registry';
import { versionContentHash } from '../../src/rules/content-hash';

const registry = new SchemaRegistry();

function withEditedPack(key: string, edit: (pack: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  cpSync(RULES_DIR, dir, { recursive: true });
  const file = join(dir, key, 'pack.json');
  const pack = JSON.parse(readFileSync(file, 'utf8'));
  edit(pack);
  writeFileSync(file, JSON.stringify(pack));
  return dir;
}

function loadError(dir: string): string {
  try {
    loadCatalog(registry, dir);
  } catch (e) {
    return (e as Error).message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  throw new Error('the pack loaded');
}

describe('loading rule packs', () => {
  it('loads the shipped programs under their catalog names', () => {
    const catalog = loadCatalog(registry);
    expect(catalog.all().map((p) => p.key)).toEqual(
      expect.arrayContaining(['CN/tech-sme-evaluation', '320500/loan-interest-subsidy', '440112/vc-settlement-reward', '440100/credit-risk-compensation']),
    );
    expect(catalog.forJurisdiction('320571').map((p) => p.key)).toEqual(expect.arrayContaining(['CN/tech-sme-evaluation', '320500/loan-interest-subsidy']));
    expect(catalog.forJurisdiction('320571').map((p) => p.key)).not.toContain('440100/credit-risk-compensation');
  });

  it('refuses a published version whose content changed, naming the file and the version', () => {
    const dir = withEditedPack('320500/loan-interest-subsidy', (p) => {
      p.versions[1].parameters.rate.value = '0.6';
    });
    const message = loadError(dir);
    expect(message).toContain('320500/loan-interest-subsidy/pack.json');
    expect(message).toContain('version 2021-01-01');
    expect(message).toContain('content changed');
  });

  it('accepts a new draft version without a hash and never applies it to submissions', () => {
    const dir = withEditedPack('320500/loan-interest-subsidy', (p) => {
      p.versions.push({ ...p.versions[1], version: '2026-01-01', status: 'draft', effectiveFrom: '2026-01-01', contentHash: undefined });
    });
    const catalog = loadCatalog(registry, dir);
    rmSync(dir, { recursive: true, force: true });
    const program = catalog.get('320500/loan-interest-subsidy')!;
    expect(versionsInForce.select(program, '2026-02-01', false)?.version.version).toBe('2021-01-01');
    expect(versionsInForce.select(program, '2026-02-01', true)?.version.version).toBe('2026-01-01');
  });

  it.each([
    ['a function outside the allowed list', (p: any) => (p.versions[1].calculation[1].expr = 'evaluate("1")'), 'function evaluate'],
    ['an assignment', (p: any) => (p.versions[1].calculation[1].expr = 'x = 1'), 'is not allowed'],
    ['an accessor', (p: any) => (p.versions[1].calculation[1].expr = 'base.constructor'), 'is not allowed'],
    ['an unknown symbol', (p: any) => (p.versions[1].calculation[1].expr = 'base * secretRate'), '"secretRate" is not a fact'],
    ['a condition on an unknown fact', (p: any) => (p.versions[1].eligibility.all[1].fact = 'nonsense'), '"nonsense" is not a fact'],
    ['"in" against a string', (p: any) => Object.assign(p.versions[1].eligibility.all[0], { operator: 'in', value: '320571' }), 'needs a list'],
    ['"within" on a fact that is not a place', (p: any) => Object.assign(p.versions[1].eligibility.all[1], { operator: 'within', value: '320500' }), 'is not one'],
    ['"within" an unknown division', (p: any) => Object.assign(p.versions[1].eligibility.all[0], { value: '329999' }), 'needs jurisdiction codes known as divisions'],
    ['a payment program without its claim', (p: any) => delete p.versions[1].claim, 'states its claim'],
    ['a claim keyed by an unknown fact', (p: any) => (p.versions[1].claim.per = ['beneficiary', 'nonsense']), 'per "nonsense" is not a fact'],
    ['a default for a fact that decides eligibility', (p: any) => (p.versions[1].defaults = { independentLegalPerson: { value: true, ref: 'x' } }), 'decides eligibility; it stays required'],
    ['a default of the wrong type', (p: any) => (p.versions[1].defaults = { guaranteeFeesPaid: { value: 0, ref: 'x' } }), 'is not a value of "guaranteeFeesPaid"'],
    ['an unknown operator', (p: any) => (p.versions[1].eligibility.all[1].operator = 'regex'), 'operator must be one of'],
    ['JavaScript in a field', (p: any) => (p.versions[1].eligibility.all[1].function = 'return true'), 'is not a known field'],
  ])('refuses %s', (_name, edit, expected) => {
    const dir = withEditedPack('320500/loan-interest-subsidy', (p) => {
      edit(p);
      delete p.versions[1].contentHash;
      p.versions[1].status = 'draft';
    });
    expect(loadError(dir)).toContain(expected);
  });

  it('refuses a pack whose jurisdiction is no division of China', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    cpSync(RULES_DIR, dir, { recursive: true });
    cpSync(join(dir, '440112'), join(dir, '440199'), { recursive: true });
    const file = join(dir, '440199', 'vc-settlement-reward', 'pack.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"jurisdiction": "440112"', '"jurisdiction": "440199"'));
    expect(loadError(dir)).toContain('jurisdiction 440199 is not a division of China');
  });

  it('refuses an eligibility that is a single condition, not an all or any group (the engine refuses it at every decision)', () => {
    const dir = withEditedPack('440112/vc-settlement-reward', (p) => {
      const leaf = (c: any): any => (c.all ?? c.any ? leaf((c.all ?? c.any)[0]) : c.not ? leaf(c.not) : c);
      p.versions[0].eligibility = leaf(p.versions[0].eligibility);
      p.versions[0].contentHash = versionContentHash(p.versions[0]);
    });
    expect(loadError(dir)).toMatch(/\/versions\/0\/eligibility\b/);
  });

  it('refuses published versions that overlap', () => {
    const dir = withEditedPack('440100/credit-risk-compensation', (p) => {
      p.versions[1].effectiveTo = '2025-12-31';
      p.versions[1].contentHash = versionContentHash(p.versions[1]);
    });
    expect(loadError(dir)).toContain('starts while version 2021-07-01 is still in force');
  });
});
