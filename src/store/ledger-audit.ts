import type { Explanation } from '../adjudication/explanation';
import { toDecimal, toFen } from '../money/decimal';
import type { DecisionDoc, Models } from './models';

/**
 * The money invariants, checked after every concurrency and crash test and by the storage
 * benchmark: for every ledger, the journal has no gaps, never goes below zero or above its
 * limit, and its total equals what was seeded plus the amounts of the stored decisions that
 * drew on it; every receipt repeats the entry it stands for. Reads everything: not for the
 * request path.
 */
export async function moneyProblems(models: Models): Promise<string[]> {
  const entries = await models.ledgerEntries.find().lean();
  const receipts = await models.ledgerReceipts.find().lean();
  const decisions = await models.decisions.find({}, { amountFen: 1, 'explanation.caps': 1 }).lean<Pick<DecisionDoc, '_id' | 'amountFen' | 'explanation'>[]>();
  const limits = new Map<string, { limit: number; measure: string }>();
  const drawn = new Map<string, number>();
  for (const d of decisions) {
    for (const c of (d.explanation as unknown as Explanation).caps) {
      const limit = c.measure === 'amount' ? toFen(toDecimal(c.limit)!) : Number(c.limit);
      limits.set(c.ledger, { limit: Math.max(limit, limits.get(c.ledger)?.limit ?? 0), measure: c.measure });
      if (c.measure === 'amount') drawn.set(c.ledger, (drawn.get(c.ledger) ?? 0) + (d.amountFen ?? 0));
    }
  }
  const byLedger = new Map<string, typeof entries>();
  for (const e of entries) byLedger.set(e.ledger, [...(byLedger.get(e.ledger) ?? []), e]);
  const problems: string[] = [];
  for (const [ledger, list] of byLedger) {
    list.sort((a, b) => a.seq - b.seq);
    list.forEach((e, i) => {
      if (e.seq !== i + 1) problems.push(`${ledger}: entry ${i + 1} has seq ${e.seq}`);
      const before = i === 0 ? 0 : list[i - 1]!.usedAfter;
      if (e.usedAfter !== before + e.units) problems.push(`${ledger}#${e.seq}: ${before} + ${e.units} ≠ ${e.usedAfter}`);
      if (e.usedAfter < 0) problems.push(`${ledger}#${e.seq}: negative (${e.usedAfter})`);
      const cap = limits.get(ledger);
      if (cap && e.usedAfter > cap.limit) problems.push(`${ledger}#${e.seq}: ${e.usedAfter} above the limit ${cap.limit}`);
    });
    const cap = limits.get(ledger);
    if (cap?.measure === 'amount') {
      const seeded = list.filter((e) => !e.holder.startsWith('dec_')).reduce((s, e) => s + e.units, 0);
      const total = list.at(-1)!.usedAfter;
      if (total !== seeded + (drawn.get(ledger) ?? 0)) {
        const net = new Map<string, number>();
        for (const e of list) net.set(e.holder, (net.get(e.holder) ?? 0) + e.units);
        const byId = new Map(decisions.map((d) => [d._id, d]));
        const odd = [...net].filter(([h, units]) => h.startsWith('dec_') && units !== (byId.get(h)?.amountFen ?? -1));
        problems.push(`${ledger}: total ${total} ≠ seeded ${seeded} + decisions ${drawn.get(ledger) ?? 0}; holders whose net differs from their decision: ${JSON.stringify(odd.map(([h, u]) => ({ holder: h, net: u, decision: byId.get(h) ? { amountFen: byId.get(h)!.amountFen, caps: (byId.get(h)!.explanation as unknown as Explanation).caps.map((c) => `${c.id}:${c.usedBefore}/${c.granted}`) } : null })))}`);
      }
    }
  }
  // a receipt `ledger|holder|kind` repeats exactly the entry it stands for
  const byReceiptId = new Map(entries.map((e) => [`${e.ledger}|${e.holder}|${e.kind}`, e]));
  for (const r of receipts) {
    const e = byReceiptId.get(r._id);
    if (!e || e.seq !== r.seq || e.units !== r.units || e.usedAfter !== r.usedAfter) problems.push(`receipt ${r._id} does not repeat its entry (${e ? `${e.ledger}#${e.seq}` : 'none'})`);
  }
  return problems;
}
