import { StatisticsAggregates, awardedFen, canonicalRows, type StatisticsQuery, type StatisticsRows } from '../../src/statistics/aggregates';
import type { DecisionRecord } from '../../src/store/decision-log';

/** A small deterministic random source (so a failure can be replayed). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const AREAS: [string, string[]][] = [
  ['320571', ['CN', '320000', '320500', '320571']],
  ['320505', ['CN', '320000', '320500', '320505']],
  ['320500', ['CN', '320000', '320500']],
  ['440112', ['CN', '440000', '440100', '440112']],
  ['440100', ['CN', '440000', '440100']],
];
const PROGRAMS = ['320500/loan-interest-subsidy', '320500/loan-risk-compensation', '440100/credit-risk-compensation', '440112/vc-settlement-reward'];
const BANK = new Set(['320500/loan-risk-compensation', '440100/credit-risk-compensation']);
const OUTCOMES: DecisionRecord['outcome'][] = ['approved', 'partial', 'rejected', 'needs-information'];

function randomRecords(n: number, seed: number): DecisionRecord[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const [jurisdiction, chain] = pick(AREAS);
    const outcome = pick(OUTCOMES);
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 730) * 86_400_000).toISOString().slice(0, 10);
    return {
      decisionId: `dec_r${i}`, applicationId: `app_r${i}`, program: pick(PROGRAMS), programJurisdiction: '320500', version: 'v', ruleHash: null, jurisdiction,
      // records list the chain either way round
      jurisdictionChain: r() < 0.5 ? chain : [...chain].reverse(),
      uscc: `U${Math.floor(r() * 40)}`, beneficiaryName: `n${i % 7}`, client: 'k', outcome,
      amountFen: outcome === 'approved' || outcome === 'partial' ? Math.floor(r() * 1_000_000) : outcome === 'rejected' ? 0 : null,
      reasons: outcome === 'rejected' ? [pick(['a', 'b', 'c']), pick(['a', 'd'])] : ['ok'],
      applicationDate: day, decidedAt: `${day}T00:00:00.000Z`, topUpOf: r() < 0.2 ? 'dec_x' : null, decisionHash: 'sha256:x',
    };
  });
}

/** The same rows, counted the obvious way from every record (what the aggregates must equal). */
function recount(records: readonly DecisionRecord[], q: StatisticsQuery): StatisticsRows {
  const mine = records.filter((r) => r.jurisdictionChain.includes(q.jurisdiction) && (q.program === undefined || r.program === q.program) && (q.from === undefined || r.applicationDate >= q.from) && (q.to === undefined || r.applicationDate <= q.to));
  const cells = new Map<string, StatisticsRows['cells'][number]>();
  const rejections = new Map<string, StatisticsRows['rejections'][number]>();
  const banks = new Map<string, StatisticsRows['banks'][number]>();
  const servedBy = new Map<string, Set<string>>();
  for (const r of mine) {
    const down = r.jurisdictionChain[0] === 'CN' ? r.jurisdictionChain : [...r.jurisdictionChain].reverse();
    const area = down[down.indexOf(q.jurisdiction) + 1] ?? q.jurisdiction;
    const key = `${area}|${r.program}|${r.applicationDate.slice(0, 7)}`;
    const c = cells.get(key) ?? { area, program: r.program, month: r.applicationDate.slice(0, 7), decisions: 0, applications: 0, approved: 0, partial: 0, rejected: 0, needsInformation: 0, amountAwardedFen: 0 };
    c.decisions++;
    if (r.topUpOf === null) c.applications++;
    if (r.outcome === 'needs-information') c.needsInformation++;
    else c[r.outcome]++;
    c.amountAwardedFen += awardedFen(r);
    cells.set(key, c);
    if (r.outcome === 'rejected') for (const reason of new Set(r.reasons)) {
      const x = rejections.get(`${r.program}|${reason}`) ?? { program: r.program, reason, count: 0 };
      x.count++;
      rejections.set(`${r.program}|${reason}`, x);
    }
    if (!servedBy.has(r.program)) servedBy.set(r.program, new Set());
    if (awardedFen(r) > 0) servedBy.get(r.program)!.add(r.uscc);
    if (BANK.has(r.program)) {
      const b = banks.get(`${r.program}|${r.uscc}`) ?? { program: r.program, uscc: r.uscc, name: '', claims: 0, paidClaims: 0, amountFen: 0 };
      b.claims++;
      if (awardedFen(r) > 0) b.paidClaims++;
      b.amountFen += awardedFen(r);
      b.name = r.beneficiaryName;
      banks.set(`${r.program}|${r.uscc}`, b);
    }
  }
  const all = new Set([...servedBy.values()].flatMap((s) => [...s]));
  const served: StatisticsRows['served'] = [...servedBy].filter(([, s]) => s.size > 0).map(([program, s]) => ({ program, beneficiaries: s.size }));
  served.push({ program: null, beneficiaries: all.size });
  return canonicalRows({ cells: [...cells.values()], rejections: [...rejections.values()], served, banks: [...banks.values()] });
}

describe('statistics aggregates', () => {
  it('equal a recount from every record, for every area, program and period, however the records arrive', () => {
    const records = randomRecords(3000, 14);
    const aggregates = new StatisticsAggregates((p) => BANK.has(p));
    // in batches of varying size, as the log hands them over
    for (let i = 0, size = 1; i < records.length; i += size, size = (size * 7) % 97 + 1) aggregates.add(records.slice(i, i + size));
    const queries: StatisticsQuery[] = [];
    for (const jurisdiction of ['CN', '320000', '320500', '320571', '320505', '440100', '440112', '110000']) {
      queries.push({ jurisdiction }, { jurisdiction, from: '2024-03-15', to: '2024-11-02' }, { jurisdiction, program: '320500/loan-risk-compensation', from: '2025-01-01' }, { jurisdiction, to: '2024-12-31' });
    }
    for (const q of queries) expect([q, aggregates.rows(q)]).toEqual([q, recount(records, q)]);
    expect(aggregates.size).toBe(3000);
  });
});
