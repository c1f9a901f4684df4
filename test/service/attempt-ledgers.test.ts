import type { LedgerTake } from '../../src/adjudication/ledgers';
import { MemoryLedgers } from '../../src/adjudication/memory-ledgers';
import { AttemptLedgers } from '../../src/service/attempt-ledgers';

const take = (ledger: string, holder: string, request: number, limit = 1_000): LedgerTake => ({ ledger, measure: 'amount', limit, request, holder });

/** What a failed attempt gives back: exactly what it reserved itself, net of its own give-backs. */
describe('AttemptLedgers.releaseAll', () => {
  it('gives back what the attempt took, net of what it gave back already', async () => {
    const inner = new MemoryLedgers();
    const attempt = new AttemptLedgers(inner);
    await attempt.take(take('firm', 'dec_1', 300));
    await attempt.take(take('budget', 'dec_1', 300));
    await attempt.giveBack('firm', 'dec_1', 100); // a later cap cut the amount
    expect(await attempt.releaseAll()).toEqual([{ ledger: 'firm', units: 200 }, { ledger: 'budget', units: 300 }]);
    expect(inner.used.get('firm')).toBe(0);
    expect(inner.used.get('budget')).toBe(0);
    expect(await attempt.releaseAll()).toEqual([]); // once
  });

  it('keeps what an earlier attempt reserved and grants counted once per distinct value', async () => {
    const inner = new MemoryLedgers();
    await inner.take(take('firm', 'dec_1', 300)); // an earlier attempt of the same decision
    const attempt = new AttemptLedgers(inner);
    expect((await attempt.take(take('firm', 'dec_1', 300))).reused).toBe(true);
    await attempt.take(take('years', 'distinct:2024', 1));
    expect(await attempt.releaseAll()).toEqual([]);
    expect(inner.used.get('years')).toBe(1);
  });

  it('asks the ledger about a take that failed without saying whether it was written', async () => {
    const inner = new MemoryLedgers();
    const lost = {
      take: async (t: LedgerTake) => {
        await inner.take(t);
        throw new Error('the answer was lost');
      },
      giveBack: (l: string, h: string, u: number) => inner.giveBack(l, h, u),
      held: async () => ({ usedBefore: 0, granted: 250, reused: true }),
    };
    const attempt = new AttemptLedgers(lost);
    await expect(attempt.take(take('budget', 'dec_2', 250))).rejects.toThrow('lost');
    expect(await attempt.releaseAll()).toEqual([{ ledger: 'budget', units: 250 }]);
    expect(inner.used.get('budget')).toBe(0);
  });
});
