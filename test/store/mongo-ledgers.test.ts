import { MongoLedgers } from '../../src/store/mongo-ledgers';
import { useTestService } from '../support/service';

const svc = useTestService();

describe('journaled ledgers', () => {
  const take = { measure: 'amount' as const, limit: 1000, request: 400 };

  it('take once per holder: a retry finds the first reservation', async () => {
    const ledgers = new MongoLedgers(svc().runtime.context.models);
    const first = await ledgers.take({ ...take, ledger: 'L-retry', holder: 'dec_a' });
    const again = await ledgers.take({ ...take, ledger: 'L-retry', holder: 'dec_a' });
    expect(first).toEqual({ usedBefore: 0, granted: 400, reused: false });
    expect(again).toEqual({ usedBefore: 0, granted: 400, reused: true });
    expect((await ledgers.used('L-retry')).used).toBe(400);
  });

  it('finds its own entry after a crash lost the receipt, even when that entry filled the ledger', async () => {
    const { models } = svc().runtime.context;
    // the entry a killed process appended before it could write the receipt
    await models.ledgerEntries.create({ _id: 'L-full#1', ledger: 'L-full', seq: 1, holder: 'dec_other', kind: 'take', units: 600, usedAfter: 600, at: new Date() });
    await models.ledgerEntries.create({ _id: 'L-full#2', ledger: 'L-full', seq: 2, holder: 'dec_b', kind: 'take', units: 400, usedAfter: 1000, at: new Date() });
    const recovered = await new MongoLedgers(models).take({ ...take, ledger: 'L-full', holder: 'dec_b' });
    expect(recovered).toEqual({ usedBefore: 600, granted: 400, reused: true });
    const stranger = await new MongoLedgers(models).take({ ...take, ledger: 'L-full', holder: 'dec_c' });
    expect(stranger).toEqual({ usedBefore: 1000, granted: 0, reused: false });
  });

  it('finds its own entry after a crash lost the receipt when room is left', async () => {
    const { models } = svc().runtime.context;
    await models.ledgerEntries.create({ _id: 'L-room#1', ledger: 'L-room', seq: 1, holder: 'dec_d', kind: 'take', units: 400, usedAfter: 400, at: new Date() });
    const recovered = await new MongoLedgers(models).take({ ...take, ledger: 'L-room', holder: 'dec_d' });
    expect(recovered).toEqual({ usedBefore: 0, granted: 400, reused: true });
    expect((await new MongoLedgers(models).used('L-room')).used).toBe(400);
  });

  it('gives back once', async () => {
    const ledgers = new MongoLedgers(svc().runtime.context.models);
    await ledgers.take({ ...take, ledger: 'L-back', holder: 'dec_e' });
    await ledgers.giveBack('L-back', 'dec_e', 150);
    await ledgers.giveBack('L-back', 'dec_e', 150);
    expect((await ledgers.used('L-back')).used).toBe(250);
  });
});
