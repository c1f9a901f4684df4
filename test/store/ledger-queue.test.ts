import { LedgerBusyError } from '../../src/adjudication/ledgers';
import { connectDatabase, type Database } from '../../src/store/database';
import type { Models } from '../../src/store/models';
import { MongoLedgers } from '../../src/store/mongo-ledgers';
import { useTestService } from '../support/service';

const svc = useTestService();
const unit = { measure: 'amount' as const, request: 100 };

/** The models with ledger-entry inserts counted (and optionally slowed down). */
function counted(models: Models, delayMs = 0) {
  const calls = { inserts: 0 };
  const entries = new Proxy(models.ledgerEntries, {
    get(target, prop, receiver) {
      if (prop === 'create') {
        return async (doc: unknown) => {
          calls.inserts++;
          if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
          return target.create(doc as never);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  return { models: { ...models, ledgerEntries: entries } as Models, calls };
}

describe('ledger queue', () => {
  it('serialises the takes of one process: no collisions, exactly the room granted', async () => {
    const { models, calls } = counted(svc().runtime.context.models);
    const ledgers = new MongoLedgers(models);
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => ledgers.take({ ...unit, ledger: 'Q-one', limit: 4000, holder: `dec_q${i}` }, { fresh: true })));
    expect(results.reduce((s, r) => s + r.granted, 0)).toBe(4000);
    expect(results.filter((r) => r.granted > 0)).toHaveLength(40);
    // every insert found its sequence number free: no request of this process lost a race
    expect(calls.inserts).toBe(40);
    expect(await new MongoLedgers(svc().runtime.context.models).used('Q-one')).toEqual({ used: 4000, seq: 40 });
  });

  it('answers a burst of takes on a full ledger from one read of its head, and sees room given back before a take is asked for', async () => {
    const base = svc().runtime.context.models;
    const reads = { n: 0 };
    const entries = new Proxy(base.ledgerEntries, {
      get(target, prop, receiver) {
        if (prop === 'findById') {
          return (...args: Parameters<typeof target.findById>) => {
            reads.n++;
            return target.findById(...args);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    const ledgers = new MongoLedgers({ ...base, ledgerEntries: entries } as Models);
    await ledgers.take({ ...unit, ledger: 'Q-full', limit: 100, holder: 'dec_f0' }, { fresh: true }); // the cap is full now
    reads.n = 0;
    const burst = await Promise.all(Array.from({ length: 50 }, (_, i) => ledgers.take({ ...unit, ledger: 'Q-full', limit: 100, holder: `dec_f${i + 1}` }, { fresh: true })));
    expect(burst.every((r) => r.granted === 0 && r.usedBefore === 100)).toBe(true);
    // the first in turn reads the head forward; the 49 asked for before that read began trust it
    expect(reads.n).toBe(1);
    // another process gives the room back: a take asked for afterwards reads forward and gets it
    await new MongoLedgers(base).giveBack('Q-full', 'dec_f0', 100);
    expect(await ledgers.take({ ...unit, ledger: 'Q-full', limit: 100, holder: 'dec_f51' }, { fresh: true })).toEqual({ usedBefore: 0, granted: 100, reused: false });
  });

  it('refuses a take whose turn comes too late, reserving nothing', async () => {
    const { models } = counted(svc().runtime.context.models, 400);
    const ledgers = new MongoLedgers(models, { patienceMs: 100 });
    const first = ledgers.take({ ...unit, ledger: 'Q-late', limit: 1000, holder: 'dec_first' }, { fresh: true });
    const second = ledgers.take({ ...unit, ledger: 'Q-late', limit: 1000, holder: 'dec_second' }, { fresh: true });
    await expect(second).rejects.toBeInstanceOf(LedgerBusyError);
    await expect(first).resolves.toEqual({ usedBefore: 0, granted: 100, reused: false });
    const entries = await svc().runtime.context.models.ledgerEntries.find({ ledger: 'Q-late' }).lean();
    expect(entries.map((e) => e.holder)).toEqual(['dec_first']);
  });

  it('gives up with LedgerBusyError, reserving nothing, when another process keeps appending first', async () => {
    const { models } = svc().runtime.context;
    // a clock that moves 600 ms at each look: the take starts in time, and is late after a collision
    let t = Date.now();
    const mine = new MongoLedgers(models, { patienceMs: 1000, now: () => (t += 600) });
    const other = new MongoLedgers(models);
    await mine.take({ ...unit, ledger: 'Q-race', limit: 1000, holder: 'dec_r1' }, { fresh: true });
    await other.take({ ...unit, ledger: 'Q-race', limit: 1000, holder: 'dec_r2' }, { fresh: true }); // mine's head is stale now
    await expect(mine.take({ ...unit, ledger: 'Q-race', limit: 1000, holder: 'dec_r3' }, { fresh: true })).rejects.toThrow(LedgerBusyError);
    const entries = await models.ledgerEntries.find({ ledger: 'Q-race' }).lean();
    expect(entries.map((e) => e.holder).sort()).toEqual(['dec_r1', 'dec_r2']);
    // with patience it reads forward and appends after the other process's entry
    const patient = await new MongoLedgers(models).take({ ...unit, ledger: 'Q-race', limit: 1000, holder: 'dec_r4' }, { fresh: true });
    expect(patient).toEqual({ usedBefore: 200, granted: 100, reused: false });
  });
});

describe('lookups on the request path', () => {
  let db: Database;
  const filters: { collection: string; keys: string[]; sort?: unknown }[] = [];
  beforeAll(async () => {
    db = await connectDatabase(svc().uri, { w: 1, journal: true, monitorCommands: true });
    db.connection.getClient().on('commandStarted', (e) => {
      if (e.commandName === 'find' || e.commandName === 'count' || e.commandName === 'aggregate') {
        const c = e.command as { find?: string; filter?: Record<string, unknown>; sort?: unknown };
        filters.push({ collection: String(c.find), keys: Object.keys(c.filter ?? {}), sort: c.sort });
      }
    });
  });
  afterAll(() => db.close());

  it('reads journals and receipts by _id only, for a ledger this process has not seen, long or new', async () => {
    const { models } = svc().runtime.context;
    const seed = Array.from({ length: 37 }, (_, i) => ({ _id: `Q-long#${i + 1}`, ledger: 'Q-long', seq: i + 1, holder: `earlier-${i}`, kind: 'take' as const, units: 10, usedAfter: 10 * (i + 1), at: new Date() }));
    await models.ledgerEntries.insertMany(seed);
    filters.length = 0;
    const ledgers = new MongoLedgers(db.models);
    expect(await ledgers.take({ ...unit, ledger: 'Q-long', limit: 1000, holder: 'dec_l1' }, { fresh: true })).toEqual({ usedBefore: 370, granted: 100, reused: false });
    expect(await ledgers.take({ ...unit, ledger: 'Q-new', limit: 1000, holder: 'dec_l2' })).toEqual({ usedBefore: 0, granted: 100, reused: false });
    expect(await ledgers.take({ ...unit, ledger: 'Q-new', limit: 1000, holder: 'dec_l2' })).toEqual({ usedBefore: 0, granted: 100, reused: true });
    expect(await ledgers.used('Q-long')).toEqual({ used: 470, seq: 38 });
    expect(filters.length).toBeGreaterThan(0);
    expect(filters.filter((f) => f.keys.join() !== '_id' || f.sort !== undefined)).toEqual([]);
    // probing a 37-entry journal costs a logarithmic number of reads, not one per entry
    expect(filters.filter((f) => f.collection === 'ledger_entries').length).toBeLessThan(20);
  });
});
