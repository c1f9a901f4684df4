import { Decimal, fromFen, toFen, yuanText, type Decimal as DecimalValue } from '../money/decimal';
import type { ProgramVersion } from '../rules/compiled';
import type { Calculation } from './calculation';
import type { CapApplication } from './explanation';
import type { CapLedgers } from './ledgers';
import type { FactDictionary } from '../rules/fact-dictionary';
import { CLAIM_CAP_ID } from '../rules/pack-types';

/** Facts naming a party or a loan: a ledger kept per one of them holds few entries. */
const PARTY_KINDS = new Set(['uscc', 'identifier']);

export interface CapsResult {
  granted: DecimalValue;
  caps: CapApplication[];
  missing: string[];
}

/** The ledger a cap is kept in: program, cap, whose (beneficiary or facts) and which period. */
export function ledgerKey(version: ProgramVersion, capId: string, parts: readonly string[], period: string): string {
  return [version.programKey, capId, ...parts, period].join('|');
}

/** A fact's value as text for a ledger key (identifiers normalised); a missing fact is noted and gives "". */
function valueText(calc: Calculation, name: string, missing: Set<string>, facts?: FactDictionary): string {
  const r = calc.resolve(name);
  if (r.ok) return facts ? facts.keyText(name, r.value) : String(r.value);
  r.missing.forEach((m) => missing.add(m));
  return '';
}

/**
 * Applies every cap in order: each takes what fits of what the previous ones left, and a cap
 * that cuts gives back to the earlier ones what they reserved beyond the final amount.
 */
export async function applyCaps(
  version: ProgramVersion,
  calc: Calculation,
  beneficiary: string,
  amount: DecimalValue,
  ledgers: CapLedgers,
  holder: string,
  facts?: FactDictionary,
): Promise<CapsResult> {
  const planned: { key: string; limit: DecimalValue; index: number; holder: string; keyed: Record<string, string> }[] = [];
  const missing = new Set<string>();
  for (const [index, { cap, limit }] of version.caps.entries()) {
    const parts = cap.per.map((p) => (p === 'beneficiary' ? beneficiary : valueText(calc, p, missing, facts)));
    const keyed = Object.fromEntries(cap.per.map((p, i) => [p, parts[i]!]));
    let period = 'lifetime';
    if (cap.period !== 'lifetime') {
      period = 'yearFact' in cap.period ? valueText(calc, cap.period.yearFact, missing) : valueText(calc, cap.period.yearOfDateFact, missing).slice(0, 4);
    }
    // Grants counted once per distinct value: the value itself holds the grant, not the decision.
    const capHolder = cap.distinctBy ? `distinct:${cap.distinctBy.map((d) => valueText(calc, d, missing, facts)).join('|')}` : holder;
    const l = calc.evaluate(limit);
    if (!l.ok) l.missing.forEach((m) => missing.add(m));
    else planned.push({ key: ledgerKey(version, cap.id, parts, period), limit: l.value as DecimalValue, index, holder: capHolder, keyed });
  }
  if (missing.size) return { granted: new Decimal(0), caps: [], missing: [...missing].sort() };

  let granted = toFen(amount);
  const caps: CapApplication[] = [];
  const taken: { key: string; units: number; grants: boolean; holder: string }[] = [];
  for (const { key, limit, index, holder: capHolder, keyed } of planned) {
    if (granted === 0) break;
    const { cap } = version.caps[index]!;
    const isAmount = cap.measure === 'amount';
    const limitUnits = isAmount ? toFen(limit.toDecimalPlaces(2, Decimal.ROUND_DOWN)) : limit.floor().toNumber();
    const r = await ledgers.take({ ledger: key, measure: cap.measure, limit: limitUnits, request: isAmount ? granted : 1, holder: capHolder });
    const keep = isAmount ? r.granted : r.granted === 1 ? granted : 0;
    const show = (n: number) => (isAmount ? yuanText(fromFen(n)) : String(n));
    // Who used the room before, when this cap cuts a ledger kept per beneficiary or per claim
    // (a program-wide budget is not listed: it holds every firm's awards).
    const cuts = keep < granted && !r.reused;
    const perParty = cap.id === CLAIM_CAP_ID || cap.per.some((p) => p === 'beneficiary' || PARTY_KINDS.has(facts?.get(p)?.kind ?? ''));
    const usedBy = cuts && perParty && ledgers.holders ? (await ledgers.holders(key)).filter((h) => h.holder !== capHolder) : [];
    caps.push({
      id: cap.id,
      title: cap.title,
      ledger: key,
      measure: cap.measure,
      limit: show(limitUnits),
      usedBefore: show(r.usedBefore),
      available: show(Math.max(0, limitUnits - r.usedBefore)),
      requested: yuanText(fromFen(granted)),
      granted: yuanText(fromFen(keep)),
      cut: yuanText(fromFen(granted - keep)),
      settlesDifference: cap.settlesDifference === true,
      ...(cap.ref ? { ref: cap.ref } : {}),
      ...(cap.per.length ? { key: keyed } : {}),
      ...(usedBy.length ? { usedBy: usedBy.map((h) => ({ holder: h.holder, used: show(h.units), ...(h.imported ? { imported: h.imported } : {}) })) } : {}),
    });
    if (r.granted > 0 && !(cap.distinctBy && r.reused)) taken.push({ key, units: r.granted, grants: !isAmount, holder: capHolder });
    granted = keep;
  }
  for (const t of taken) {
    if (t.grants && granted === 0) await ledgers.giveBack(t.key, t.holder, 1);
    else if (!t.grants && t.units > granted) await ledgers.giveBack(t.key, t.holder, t.units - granted);
  }
  return { granted: fromFen(granted), caps, missing: [] };
}
