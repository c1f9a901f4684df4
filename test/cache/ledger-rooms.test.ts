import { fit, type LedgerTake, type LedgerTakeResult } from '../../src/adjudication/ledgers';
import { LedgerRooms, type RoomSource } from '../../src/service/ledger-rooms';

/** Ledgers in memory that count the reads reaching them; reads can be held back. */
function source() {
  const used = new Map<string, number>();
  const counter = { reads: 0 };
  let gate: Promise<void> | undefined;
  const s: RoomSource = {
    async used(ledger) {
      counter.reads++;
      const value = used.get(ledger) ?? 0;
      if (gate) await gate;
      return { used: value };
    },
    async held(): Promise<LedgerTakeResult | undefined> {
      return undefined;
    },
    async take(t: LedgerTake) {
      const before = used.get(t.ledger) ?? 0;
      const granted = fit(t, before);
      used.set(t.ledger, before + granted);
      return { usedBefore: before, granted, reused: false };
    },
    async giveBack(ledger, _holder, units) {
      used.set(ledger, (used.get(ledger) ?? 0) - units);
    },
  };
  return { s, counter, hold: (p: Promise<void> | undefined) => (gate = p) };
}

const take = (request: number, holder = 'eligibility-check'): LedgerTake => ({ ledger: 'L', measure: 'amount', limit: 1000, request, holder });

describe('ledger-room cache for estimates', () => {
  it('answers repeated estimates from one read', async () => {
    const { s, counter } = source();
    const rooms = new LedgerRooms(s, 60_000);
    for (let i = 0; i < 5; i++) expect(await rooms.estimating.take(take(100))).toEqual({ usedBefore: 0, granted: 100, reused: false });
    expect(counter.reads).toBe(1);
  });

  it('sees a take or give-back made in this process at once', async () => {
    const { s } = source();
    const rooms = new LedgerRooms(s, 60_000);
    expect((await rooms.estimating.take(take(100))).usedBefore).toBe(0);
    await rooms.writing.take(take(950, 'dec_1'));
    expect(await rooms.estimating.take(take(100))).toEqual({ usedBefore: 950, granted: 50, reused: false });
    await rooms.writing.giveBack('L', 'dec_1', 450);
    expect((await rooms.estimating.take(take(100))).usedBefore).toBe(500);
  });

  it('does not keep a read that overlapped a take', async () => {
    const { s, hold } = source();
    const rooms = new LedgerRooms(s, 60_000);
    let release!: () => void;
    hold(new Promise<void>((r) => (release = r)));
    const stale = rooms.estimating.take(take(100));
    await new Promise((r) => setImmediate(r)); // the estimate has read 0 and waits
    await rooms.writing.take(take(300, 'dec_1'));
    hold(undefined);
    release();
    expect((await stale).usedBefore).toBe(0);
    expect((await rooms.estimating.take(take(100))).usedBefore).toBe(300);
  });

  it('reads again once an entry is older than its time to live (appends by other processes)', async () => {
    const { s, counter } = source();
    const rooms = new LedgerRooms(s, 30);
    await rooms.estimating.take(take(100));
    await s.take(take(200, 'other-process'));
    expect((await rooms.estimating.take(take(100))).usedBefore).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    expect((await rooms.estimating.take(take(100))).usedBefore).toBe(200);
    expect(counter.reads).toBe(2);
  });
});
