import type { DecisionDoc } from '../../src/store/models';
import { useTestService } from '../support/service';

const svc = useTestService();
const repos = () => svc().runtime.context.repositories;

function decision(id: string, amountFen: number): DecisionDoc {
  return { _id: id, applicationId: `app_${id}`, program: 'p', beneficiaryUscc: 'u', beneficiaryJurisdiction: '320500', client: 'c', outcome: 'approved', amountFen, ruleHash: null, topUpOf: null, topUps: [], explanation: { caps: [] }, decidedAt: new Date() };
}

describe('repositories', () => {
  it('insertOnce stores a document once; insertOrGet answers with the first one', async () => {
    const { decisions } = repos();
    expect(await decisions.insertOnce(decision('dec_r1', 100))).toBe(true);
    expect(await decisions.insertOnce(decision('dec_r1', 200))).toBe(false);
    expect((await decisions.insertOrGet(decision('dec_r1', 300))).amountFen).toBe(100);
    expect((await decisions.get('dec_r1'))?.amountFen).toBe(100);
    expect(await decisions.get('dec_none')).toBeUndefined();
    await decisions.insertOnce(decision('dec_r2', 7));
    expect((await decisions.getAll(['dec_r2', 'dec_none', 'dec_r1'])).map((d) => d._id)).toEqual(['dec_r2', 'dec_r1']);
  });

  it('an Idempotency-Key is claimed once; the second claim sees the first record until it is done', async () => {
    const { idempotency } = repos();
    const record = { _id: 'client:key-1', requestHash: 'h', applicationId: 'app_1', state: 'in-flight' as const, createdAt: new Date() };
    expect(await idempotency.claim(record)).toBeUndefined();
    expect(await idempotency.claim({ ...record, applicationId: 'app_2' })).toMatchObject({ applicationId: 'app_1', state: 'in-flight' });
    await idempotency.markDone(record._id);
    expect(await idempotency.get(record._id)).toMatchObject({ state: 'done' });
  });

  it('pending markers are set once, listed, and cleared', async () => {
    const { pending } = repos();
    expect(await pending.mark('app_p1')).toBe(true);
    expect(await pending.mark('app_p1')).toBe(false);
    expect(await pending.all()).toContain('app_p1');
    await pending.clear('app_p1');
    expect(await pending.all()).not.toContain('app_p1');
  });
});
