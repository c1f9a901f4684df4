import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { versionsInForce } from '../../src/adjudication/version-selection';
import { firstDifference } from '../../src/audit/first-difference';
import { loadCatalog } from '../../src/rules/catalog';
import { versionContentHash } from '../../src/rules/content-hash';
import { RULES_DIR } from '../../src/paths';
import { recordRuleVersions } from '../../src/service/rule-versions';
import { useTestService } from '../support/service';

const svc = useTestService({ today: '2025-06-30' });
const VC = {
  program: '440112/vc-settlement-reward',
  beneficiary: { uscc: '91440101MA59HJK451', name: '广州黄埔创新投资管理有限公司', jurisdiction: '440112' },
  facts: { vcForm: 'partnership', paidInCapital: '250000000', cumulativeDistrictInvestment: '350000000' },
};

/** The shipped rules plus a newer published version of 440112/vc-settlement-reward (400万 a step from 2025-01-01). */
function catalogWithNewerVersion(dir: string) {
  cpSync(RULES_DIR, dir, { recursive: true });
  const file = join(dir, '440112', 'vc-settlement-reward', 'pack.json');
  const pack = JSON.parse(readFileSync(file, 'utf8'));
  const { contentHash: _old, ...older } = pack.versions.at(-1);
  const newer = { ...structuredClone(older), version: '2025-01-01', effectiveFrom: '2025-01-01' };
  newer.parameters.rewardPerStep = { ...newer.parameters.rewardPerStep, value: '4000000' };
  newer.contentHash = versionContentHash(newer);
  pack.versions.push(newer);
  writeFileSync(file, JSON.stringify(pack, null, 2));
  return loadCatalog(svc().runtime.context.registry, dir);
}

describe('replay proof', () => {
  it('a decision made under a version later superseded still replays identical against its own version', async () => {
    const s = svc();
    const made = await s.as('applicant').post('/v1/applications').send(VC);
    expect(made.status).toBe(201);
    expect(made.body.decision.explanation.version.version).toBe('2020-06-01');
    const dir = mkdtempSync(join(tmpdir(), 'rules-newer-'));
    const original = s.runtime.context.catalog;
    try {
      const newer = catalogWithNewerVersion(dir);
      // the newer version is loaded: its rule text recorded, the service answering with it
      await recordRuleVersions(s.runtime.context.models, newer);
      s.runtime.context.catalog = newer;
      expect(newer.get(VC.program)!.versions.map((v) => v.version.version)).toEqual(['2020-06-01', '2025-01-01']);
      const replay = await s.as('auditor').post(`/v1/decisions/${made.body.decision.id}/reproduction`);
      expect(replay.status).toBe(200);
      expect(replay.body.identical).toBe(true);
      expect(replay.body.firstDifference).toBeNull();
      expect(replay.body.explanation.version.version).toBe('2020-06-01');
      expect(replay.body.explanation).toEqual(made.body.decision.explanation);
      // while the same application date now selects the newer version (the catalog really changed)
      expect(versionsInForce.select(newer.get(VC.program)!, made.body.application.applicationDate, false)!.version.version).toBe('2025-01-01');
    } finally {
      s.runtime.context.catalog = original;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the first difference (JSON pointer and both values) when a stored decision no longer replays', async () => {
    const s = svc();
    const made = await s.as('applicant').post('/v1/applications').send({ ...VC, facts: { ...VC.facts, cumulativeDistrictInvestment: '100000000' } });
    expect(made.status).toBe(201);
    const id = made.body.decision.id;
    const stored = made.body.decision.explanation;
    // altered in the database behind the service's back: the amount and, later in order, the summary
    await s.runtime.context.models.decisions.collection.updateOne({ _id: id as never }, { $set: { 'explanation.amount': '7000000.00', 'explanation.summary.en': 'forged' } });
    const replay = await s.as('auditor').post(`/v1/decisions/${id}/reproduction`);
    expect(replay.body.identical).toBe(false);
    expect(replay.body.firstDifference).toEqual({ pointer: '/amount', stored: '7000000.00', replayed: stored.amount });
    const reference = await s.as('auditor').post(`/v1/decisions/${id}/reproduction?engine=reference`);
    expect(reference.body.firstDifference.pointer).toBe('/amount');
  });

  it('walks arrays and objects in canonical order, naming a side without a value', () => {
    expect(firstDifference({ b: 1, a: [1, { x: 'y' }] }, { a: [1, { x: 'z' }], b: 2 })).toEqual({ pointer: '/a/1/x', stored: 'y', replayed: 'z' });
    expect(firstDifference({ a: [1] }, { a: [1, 2] })).toEqual({ pointer: '/a/1', stored: null, replayed: 2, missing: 'stored' });
    expect(firstDifference({ 'a/b': 1 }, {})).toEqual({ pointer: '/a~1b', stored: 1, replayed: null, missing: 'replayed' });
    expect(firstDifference({ a: { b: [1, 2] } }, { a: { b: [1, 2] } })).toBeNull();
  });
});
