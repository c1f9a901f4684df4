import { MongoLedgers } from '../../src/store/mongo-ledgers';
import { Submissions } from '../../src/service/submissions';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { FailingLedgers, type Failure } from '../support/failing-ledgers';
import { useTestService } from '../support/service';
import type { LedgerTake } from '../../src/adjudication/ledgers';

/**
 * A take that fails (a busy budget timing out, an answer lost after the write) must leave the
 * client's answer true: an application answered with an error leaves no decision and no
 * reservation, now or after a restart, and a retry with the same key is decided afresh.
 */
const svc = useTestService({ checkInvariants: true });
const models = () => svc().runtime.context.models;

/** Makes the service's submissions use ledgers that fail where `failure` says. */
function injectFailures(failure: (t: LedgerTake) => Failure): void {
  const { catalog } = svc().runtime.context;
  svc().runtime.context.submissions = new Submissions(svc().runtime.context.repositories, catalog, new FailingLedgers(new MongoLedgers(models()), failure) as unknown as MongoLedgers, () => '2025-03-15');
}

async function ledgerTotal(ledger: string): Promise<number> {
  const last = await models().ledgerEntries.findOne({ ledger }).sort({ seq: -1 }).lean();
  return last?.usedAfter ?? 0;
}

async function decisionsOf(firm: string): Promise<number> {
  return models().decisions.countDocuments({ beneficiaryUscc: firm });
}

it.each(['before-write', 'after-write'] as const)('a budget take failing %s: 5xx, then no decision and no reservation, even after a restart; a same-key retry is decided', async (mode) => {
  const firm = uscc(mode === 'before-write' ? 4001 : 4002);
  const body = suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: firm } });
  injectFailures((t) => (t.ledger.includes('|annualBudget|') ? mode : undefined));
  const failed = await svc().as('applicant').post('/v1/applications').set('Idempotency-Key', `k-${mode}`).send(body);
  expect(failed.status).toBeGreaterThanOrEqual(500);
  if (mode === 'before-write') {
    // a budget too busy to take from: 503 with Retry-After, never a 500
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('1');
    expect(failed.body.type).toMatch(/ledger-busy$/);
  }
  expect(await decisionsOf(firm)).toBe(0);
  // the firm's cap, taken before the budget failed, was given back
  const firmCap = `320500/loan-interest-subsidy|perEnterpriseYear|${firm}|2024`;
  expect(await models().ledgerEntries.countDocuments({ ledger: firmCap })).toBeGreaterThan(0);
  expect(await ledgerTotal(firmCap)).toBe(0);

  await svc().restart(); // recovery must not decide what the client was told failed
  expect(await decisionsOf(firm)).toBe(0);
  expect(await models().pending.countDocuments()).toBe(0);
  const setAside = await svc().as('admin').get('/v1/set-aside-applications');
  expect(setAside.status).toBe(200);
  expect(setAside.body.applications).toEqual(expect.arrayContaining([expect.objectContaining({ program: '320500/loan-interest-subsidy', stage: 'submission' })]));

  const retry = await svc().as('applicant').post('/v1/applications').set('Idempotency-Key', `k-${mode}`).send(body);
  expect(retry.status).toBe(201);
  expect(retry.body.decision).toMatchObject({ outcome: 'approved', amount: '225000.00' });
  expect((await svc().as('applicant').get(`/v1/decisions/${retry.body.decision.id}`)).status).toBe(200);
  const again = await svc().as('applicant').post('/v1/applications').set('Idempotency-Key', `k-${mode}`).send(body);
  expect(again.status).toBe(201);
  expect(again.body.decision.id).toBe(retry.body.decision.id);
  expect(await decisionsOf(firm)).toBe(2); // the city decision and the park top-up
});

it('under 120 concurrent submissions on one budget, every answer is true afterwards', async () => {
  const ledger = '320500/loan-interest-subsidy|annualBudget|2023';
  const seeded = (50_000_000 - 40 * 225_000) * 100; // room for 40 of 120
  await models().ledgerEntries.create({ _id: `${ledger}#1`, ledger, seq: 1, holder: 'earlier-decisions', kind: 'take', units: seeded, usedAfter: seeded, at: new Date() });
  // a third of the budget takes time out before writing, a third lose their answer after it
  const failure = (t: LedgerTake): Failure => {
    if (!t.ledger.endsWith('|annualBudget|2023')) return undefined;
    const n = parseInt(t.holder.slice(-1), 16) % 3;
    return n === 0 ? 'before-write' : n === 1 ? 'after-write' : undefined;
  };
  injectFailures(failure);
  const firms = Array.from({ length: 120 }, (_, i) => uscc(5000 + i));
  const facts = { ...suzhouSubsidyApplication().facts, subsidyYear: 2023 };
  const replies = await Promise.all(firms.map((firm) => svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: firm }, facts }))));
  const statuses = replies.map((r) => r.status);
  expect(statuses.filter((s) => s !== 201 && s < 500)).toEqual([]);
  expect(statuses.filter((s) => s >= 500).length).toBeGreaterThan(0);

  const check = async () => {
    for (const [i, r] of replies.entries()) {
      if (r.status >= 500) expect([firms[i], await decisionsOf(firms[i]!)]).toEqual([firms[i], 0]);
      else {
        const read = await svc().as('applicant').get(`/v1/decisions/${r.body.decision.id}`);
        expect(read.status).toBe(200);
        expect(read.body).toEqual(r.body.decision);
      }
    }
  };
  await check();
  await svc().restart();
  await check();
  const paid = replies.filter((r) => r.status === 201 && r.body.decision.amount !== '0.00').length;
  expect(paid).toBeLessThanOrEqual(40);
  expect(await ledgerTotal(ledger)).toBe(seeded + paid * 225_000 * 100);
}, 300_000);
