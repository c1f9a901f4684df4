import type { LedgerTake, LedgerTakeResult } from '../../src/adjudication/ledgers';
import { filingId, keyedApplicationId, Submissions } from '../../src/service/submissions';
import { MongoLedgers, type HolderHistory } from '../../src/store/mongo-ledgers';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

/**
 * The writes folded into a submission keep their guarantees: the application's insert is the
 * Idempotency-Key's claim and the client's filing for the firm; a process's submission slots
 * are the pending markers recovery reads; takes of a new decision write no receipt, and a
 * recovery still finds them.
 */
const svc = useTestService({ checkInvariants: true });
const ctx = () => svc().runtime.context;
/** Submissions as another service process sees them: nothing remembered of earlier filings. */
const otherProcess = (ledgers = new MongoLedgers(ctx().models)) => new Submissions(ctx().repositories, ctx().catalog, ledgers, () => '2025-03-15');
const firm = (n: number) => ({ ...SIP_ENTERPRISE, uscc: uscc(n) });

describe('an application carries its filing and its Idempotency-Key', () => {
  it('the first for a firm is the filing; a later one with a key is found by it; retries in any process replay, another body is refused', async () => {
    const first = suzhouSubsidyApplication({ beneficiary: firm(9101) });
    const second = suzhouSubsidyApplication({ beneficiary: firm(9101), facts: { ...first.facts, loanId: 'SECOND-LOAN' } });
    const a = await ctx().submissions.submit(first, 'fold-client', 'fold-1');
    const b = await ctx().submissions.submit(second, 'fold-client', 'fold-2');
    expect(a.body.application.id).toBe(filingId('fold-client', firm(9101).uscc));
    expect(b.body.application.id).toBe(keyedApplicationId('fold-client', 'fold-2'));
    expect(await ctx().repositories.applications.exists(filingId('fold-client', firm(9101).uscc))).toBe(true);
    expect(await ctx().repositories.applications.exists(filingId('another-client', firm(9101).uscc))).toBe(false);
    for (const submissions of [ctx().submissions, otherProcess()]) {
      expect(await submissions.submit(first, 'fold-client', 'fold-1')).toEqual({ ...a, replayed: true });
      expect(await submissions.submit(second, 'fold-client', 'fold-2')).toEqual({ ...b, replayed: true });
      await expect(submissions.submit(second, 'fold-client', 'fold-1')).rejects.toMatchObject({ status: 422 });
      await expect(submissions.submit(first, 'fold-client', 'fold-2')).rejects.toMatchObject({ status: 422 });
    }
    // the same key from another client is another request
    const c = await otherProcess().submit(suzhouSubsidyApplication({ beneficiary: firm(9102) }), 'fold-other', 'fold-1');
    expect(c.replayed).toBeUndefined();
    expect(await ctx().models.applications.countDocuments({ 'beneficiary.uscc': firm(9101).uscc })).toBe(2);
    expect(await ctx().models.applications.countDocuments({ 'beneficiary.uscc': firm(9102).uscc })).toBe(1);
  });

  it('one without a key, for a firm filed before, is stored under an id of its own', async () => {
    const body = suzhouSubsidyApplication({ beneficiary: firm(9103) });
    const a = await otherProcess().submit(body, 'fold-client');
    const b = await otherProcess().submit({ ...body, facts: { ...body.facts, loanId: 'OTHER' } }, 'fold-client');
    expect(a.body.application.id).toBe(filingId('fold-client', firm(9103).uscc));
    expect(b.body.application.id).not.toBe(a.body.application.id);
    // a retry with a key of the application filed without one is a new application
    await expect(otherProcess().submit(body, 'fold-client', 'late-key')).resolves.toMatchObject({ body: { application: { id: keyedApplicationId('fold-client', 'late-key') } } });
  });
});

describe('recovery from the submission slots', () => {
  it('decides an application a dead process left in a slot, not one already decided, and clears the markers', async () => {
    const decided = await ctx().submissions.submit(suzhouSubsidyApplication({ beneficiary: firm(9201) }), 'slots');
    const id = 'app_0c0ffee0-0000-4000-8000-000000009202';
    await ctx().models.applications.create({ _id: id, ...suzhouSubsidyApplication({ beneficiary: firm(9202) }), applicationDate: '2025-03-15', requestHash: 'x', client: 'slots', receivedAt: new Date() });
    await ctx().models.pending.create({ _id: 'dead-process:0', applicationIds: ['app_0c0ffee0-0000-4000-8000-00000000dead', id], since: new Date() });
    await ctx().models.pending.create({ _id: 'dead-process:1', applicationIds: [decided.body.application.id], since: new Date() });
    const before = await ctx().models.decisions.countDocuments();
    await svc().restart();
    expect(svc().runtime.recovered).toBe(1);
    expect(await ctx().repositories.decisions.get('dec_0c0ffee0-0000-4000-8000-000000009202')).toMatchObject({ outcome: 'approved' });
    // the city decision and its park top-up of the one recovered; nothing for the one decided before
    expect(await ctx().models.decisions.countDocuments()).toBe(before + 2);
    expect(await ctx().repositories.pending.all()).toEqual([]);
  });

  it('finds at recovery what a dead attempt took as a new holder (no receipts), taking nothing twice', async () => {
    // an attempt that dies after its budget take: its takes are written, its decision is not
    let reached!: () => void;
    const atBudget = new Promise<void>((r) => (reached = r));
    const inner = new MongoLedgers(ctx().models);
    const dying = Object.assign(Object.create(inner) as MongoLedgers, {
      take: async (t: LedgerTake, history?: HolderHistory): Promise<LedgerTakeResult> => {
        const r = await inner.take(t, history);
        if (!t.ledger.includes('|annualBudget|')) return r;
        expect(history).toEqual({ fresh: true });
        reached();
        return new Promise<LedgerTakeResult>(() => undefined);
      },
    });
    void otherProcess(dying).submit(suzhouSubsidyApplication({ beneficiary: firm(9203) }), 'slots');
    await atBudget;
    const applicationId = filingId('slots', firm(9203).uscc);
    expect(await ctx().models.ledgerReceipts.countDocuments({ _id: new RegExp(applicationId.replace(/^app_/, 'dec_')) })).toBe(0);
    await svc().restart();
    expect(svc().runtime.recovered).toBe(1);
    expect(await ctx().repositories.decisions.get(applicationId.replace(/^app_/, 'dec_'))).toMatchObject({ outcome: 'approved' });
    // the money invariants (checked after each test) hold: the journal's takes equal the decisions
  });
});
