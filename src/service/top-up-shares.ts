import type { Explanation } from '../adjudication/explanation';
import { Decimal, decimalText, yuanText } from '../money/decimal';
import type { ProgramCatalog } from '../rules/catalog';
import type { DecisionDoc } from '../store/models';

/**
 * A base decision with its top-ups: each level's rate, amount, outcome and funding source, and
 * the combined rate and amount of the levels that pay. Undefined without top-ups.
 */
export function combinedShares(catalog: ProgramCatalog, decision: DecisionDoc, topUps: DecisionDoc[]) {
  if (topUps.length === 0) return undefined;
  const levels = [decision, ...topUps].map((d) => {
    const e = d.explanation as unknown as Explanation;
    const pack = catalog.get(d.program)?.pack;
    const rate = pack?.shareParameter ? e.parameters[pack.shareParameter]?.value : undefined;
    return { program: d.program, jurisdiction: pack?.jurisdiction ?? e.program.jurisdiction, rate: rate === undefined ? null : String(rate), amount: e.amount, outcome: e.outcome, funding: pack?.funding ?? null };
  });
  const paying = levels.filter((l) => l.outcome === 'approved' || l.outcome === 'partial');
  const sum = (values: (string | null)[]) => values.reduce((t: Decimal, v) => t.plus(v ?? 0), new Decimal(0));
  return { rate: decimalText(sum(paying.map((l) => l.rate))), amount: yuanText(sum(paying.map((l) => l.amount))), shares: levels };
}
