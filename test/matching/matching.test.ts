import { changedFacts, jsonLines, syntheticProfiles } from '../../scripts/bench/synthetic-profiles';
import { MatchingJob } from '../../src/matching/job';
import { MatchingStore } from '../../src/store/matching-store';
import { ProfileStore } from '../../src/store/profile-store';
import { verifySignature } from '../../src/webhooks/signature';
import { catalogWithVersion } from '../profiles/edited-rules';
import { expectDocumented } from '../support/openapi-responses';
import { finishedMatchingRun } from '../support/matching-runs';
import { useTestService } from '../support/service';
import { startReceiver } from '../webhooks/receiver';

/** Proactive matching over stored profiles: equal to a direct evaluation of every enterprise, incremental, pushed by webhook. */
const svc = useTestService({ today: '2025-06-30', webhookDelivery: { baseDelayMs: 20, maxAttempts: 3 } });
const ctx = () => svc().runtime.context;
const N = 280;
const ASOF = '2025-06-30';

type Summary = { uscc: string; jurisdiction: string; qualified: { program: string; estimatedAmount: string }[]; needsFacts: { program: string }[]; failed: { program: string }[] };

function counts(results: Summary[]): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (k: string) => (out[k] = (out[k] ?? 0) + 1);
  for (const r of results) {
    r.qualified.forEach((m) => add(`${m.program} qualified ${m.estimatedAmount}`));
    r.needsFacts.forEach((m) => add(`${m.program} needs-facts`));
    r.failed.forEach((m) => add(`${m.program} failed`));
  }
  return out;
}

/** Every enterprise evaluated directly by an eligibility check (published limits), counted the same way. */
async function direct(rows: { beneficiary: { uscc: string; name: string; jurisdiction: string } }[]): Promise<Record<string, number>> {
  const results: Summary[] = [];
  for (const row of rows) {
    const view = (await ctx().profiles.asOf(row.beneficiary.uscc, ASOF))!;
    const check = await ctx().eligibility.check({ beneficiary: view.beneficiary, applicationDate: ASOF, facts: view.facts, beneficiaryKind: 'enterprise' }, 'published', 'summary');
    const rs = check.results as { program: string; outcome: string; estimatedAmount: string | null }[];
    results.push({
      uscc: row.beneficiary.uscc,
      jurisdiction: row.beneficiary.jurisdiction,
      qualified: rs.filter((r) => r.outcome === 'approved' || r.outcome === 'partial').map((r) => ({ program: r.program, estimatedAmount: r.estimatedAmount! })),
      needsFacts: rs.filter((r) => r.outcome === 'needs-information'),
      failed: rs.filter((r) => r.outcome === 'rejected'),
    });
  }
  return counts(results);
}

async function exported(runId: string, query = ''): Promise<Summary[]> {
  const res = await svc().as('policy-staff').get(`/v1/matching-runs/${runId}/results?format=jsonl${query}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toContain('application/x-ndjson');
  return res.text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

const rows = () => syntheticProfiles(ctx().catalog, N);
let first: { id: string };

beforeAll(async () => {
  const report = await ctx().profiles.importBatch('SYN-GOV', 'base', jsonLines(rows()));
  expect(report.refused).toEqual([]);
});

it('stores per enterprise what it qualifies for (with amounts), what needs facts and what fails, equal to a direct evaluation', async () => {
  const run = await finishedMatchingRun(svc(), { jurisdiction: 'CN', asOf: ASOF });
  expect(run).toMatchObject({ state: 'done', enterprises: N, rematched: N, previousRun: null });
  first = run;
  const results = await exported(first.id);
  expect(results).toHaveLength(N);
  const stored = counts(results);
  expect(stored).toEqual(await direct(rows()));
  const kinds = Object.keys(stored).map((k) => k.split(' ')[1]);
  expect(new Set(kinds)).toEqual(new Set(['qualified', 'needs-facts', 'failed']));
  const failed = results.flatMap((r) => r.failed as unknown as { conditions: { fact: string }[] }[]);
  expect(failed.every((f) => f.conditions.length > 0)).toBe(true);
});

it('lists results filtered by program, status, district and amount', async () => {
  const all = await exported(first.id);
  const program = '320500/loan-interest-subsidy';
  const expected = all.filter((r) => r.jurisdiction.startsWith('3205') && r.qualified.some((m) => m.program === program && Number(m.estimatedAmount) >= 100000));
  expect(expected.length).toBeGreaterThan(0);
  const res = await svc().as('auditor').get(`/v1/matching-runs/${first.id}/results?program=${encodeURIComponent(program)}&status=qualified&district=320500&minAmount=100000&limit=5`);
  expect(res.status).toBe(200);
  expectDocumented(ctx().registry, ctx().openapi, 'GET', '/v1/matching-runs/{id}/results', res);
  expect(res.body.total).toBe(expected.length);
  expect(res.body.results.map((r: Summary) => r.uscc)).toEqual(expected.slice(0, 5).map((r) => r.uscc));
  const huangpu = await exported(first.id, '&district=440112');
  expect(huangpu.length).toBeGreaterThan(0);
  expect(huangpu.every((r) => r.jurisdiction === '440112')).toBe(true);
  const bad = await svc().as('auditor').get(`/v1/matching-runs/${first.id}/results?minAmount=lots&status=maybe`);
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/query/status', '/query/minAmount']);
});

it('re-matches only the enterprises a new batch changed, and pushes their changed results to subscribers (signed)', async () => {
  const receiver = await startReceiver([200]);
  try {
    const sub = await svc().as('admin').post('/v1/webhook-subscriptions').send({ url: receiver.url, topics: ['matching.result'], jurisdictions: ['320500'] });
    const changed = rows().filter((_, i) => i % 14 === 0); // 20 enterprises
    const report = await ctx().profiles.importBatch('SYN-TAX', '2025-04', jsonLines(changedFacts(ctx().catalog, changed)));
    expect(report.imported).toBe(changed.length);
    const run = await finishedMatchingRun(svc(), { jurisdiction: 'CN', asOf: ASOF });
    expect(run).toMatchObject({ enterprises: N, rematched: changed.length, previousRun: first.id });
    expect(counts(await exported(run.id))).toEqual(await direct(rows()));

    await ctx().webhooks.dispatcher.idle();
    const pushed = receiver.received.map((r) => JSON.parse(r.body));
    const suzhou = new Set(changed.filter((r) => r.beneficiary.jurisdiction.startsWith('3205')).map((r) => r.beneficiary.uscc));
    expect(pushed.length).toBeGreaterThan(0);
    expect(pushed.every((e) => e.topic === 'matching.result' && suzhou.has(e.data.uscc))).toBe(true);
    expect(receiver.received.every((r) => verifySignature(sub.body.secret, r.headers['x-webhook-signature'] as string, r.body))).toBe(true);

    expect(await finishedMatchingRun(svc(), { jurisdiction: 'CN', asOf: ASOF })).toMatchObject({ enterprises: N, rematched: 0, evaluations: 0 });
  } finally {
    await receiver.close();
  }
});

it('re-runs only the program whose rules changed (a new version), for the enterprises it applies to', async () => {
  const edited = catalogWithVersion(ctx().registry, '320500/tech-insurance-premium-subsidy', '2019-09-01', (v) => {
    (v.parameters as Record<string, { value: string }>).category1Rate!.value = '0.4';
  });
  const job = new MatchingJob(new MatchingStore(ctx().models), new ProfileStore(ctx().models), edited);
  const run = await job.run({ jurisdiction: 'CN', asOf: ASOF });
  const suzhou = rows().filter((r) => r.beneficiary.jurisdiction.startsWith('3205')).length;
  expect(run).toMatchObject({ enterprises: N, rematched: suzhou, evaluations: suzhou });
});

it('refuses an unknown jurisdiction and a run outside the key\'s scope, naming the field', async () => {
  const bad = await svc().as('policy-staff').post('/v1/matching-runs').send({ jurisdiction: '999999' });
  expect(bad.status).toBe(422);
  expect(bad.body.errors[0].pointer).toBe('/jurisdiction');
  const got = await svc().as('auditor').get(`/v1/matching-runs/${first.id}`);
  expect(got.status).toBe(200);
  expectDocumented(ctx().registry, ctx().openapi, 'GET', '/v1/matching-runs/{id}', got);
});

it('answers a run at once (202) and shows it running, then done; results are 409 until then, and a failed run says why', async () => {
  const job = ctx().matching.job;
  const original = job.run.bind(job);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  job.run = async (...args: Parameters<typeof original>) => {
    await gate;
    return original(...args);
  };
  try {
    const started = await svc().as('policy-staff').post('/v1/matching-runs').send({ jurisdiction: '320500', asOf: ASOF });
    expect(started.status).toBe(202);
    expectDocumented(ctx().registry, ctx().openapi, 'POST', '/v1/matching-runs', started);
    expect(started.headers.location).toBe(`/v1/matching-runs/${started.body.id}`);
    expect(started.body).toMatchObject({ state: 'running', jurisdiction: '320500', asOf: ASOF, finishedAt: null, enterprises: null });
    const running = await svc().as('auditor').get(started.headers.location);
    expect(running.body.state).toBe('running');
    expectDocumented(ctx().registry, ctx().openapi, 'GET', '/v1/matching-runs/{id}', running);
    const early = await svc().as('auditor').get(`${started.headers.location}/results`).set('Accept-Language', 'en');
    expect(early.status).toBe(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.body.detail).toContain('still running');
    release();
    await ctx().matching.settled(started.body.id);
    const done = await svc().as('auditor').get(started.headers.location);
    expect(done.body).toMatchObject({ state: 'done', enterprises: expect.any(Number), finishedAt: expect.any(String) });
    expect((await svc().as('auditor').get(`${started.headers.location}/results`)).status).toBe(200);

    job.run = async () => {
      throw new Error('profiles unreadable');
    };
    const failing = await svc().as('policy-staff').post('/v1/matching-runs').send({ jurisdiction: '320500', asOf: ASOF });
    await ctx().matching.settled(failing.body.id);
    const failed = await svc().as('auditor').get(failing.headers.location);
    expect(failed.body).toMatchObject({ state: 'failed', error: 'profiles unreadable', finishedAt: null });
    expectDocumented(ctx().registry, ctx().openapi, 'GET', '/v1/matching-runs/{id}', failed);
    const results = await svc().as('auditor').get(`${failing.headers.location}/results`);
    expect(results.status).toBe(409);
    expect(results.body.detail).toContain('failed: profiles unreadable');
  } finally {
    job.run = original;
    release();
  }
});
