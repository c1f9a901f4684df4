import { Calculation } from '../adjudication/calculation';
import { ledgerKey } from '../adjudication/caps';
import { Decimal, fromFen, toDecimal, yuanText } from '../money/decimal';
import type { ProgramCatalog } from '../rules/catalog';
import type { ProgramVersion } from '../rules/compiled';
import type { DecisionRecord } from '../store/decision-log';
import type { WarningDoc } from '../store/warning-store';
import type { BudgetLedger, LedgerTotals } from '../statistics/budgets';
import type { WarningRules } from './rules';

/** A warning to raise: the stored document without its id and time. */
export type WarningDraft = Omit<WarningDoc, '_id' | 'raisedAt'>;

/** What a check of one decision needs: its application's facts (read by `_id`). */
export interface ApplicationFacts {
  facts: Record<string, unknown>;
  applicationDate: string;
  beneficiary: { jurisdiction: string };
}

const pct = (d: InstanceType<typeof Decimal>) => `${d.mul(100).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2)}%`;
const money = (fen: number) => yuanText(fromFen(fen));

/** The highest threshold a share reaches, if any. */
function reached(shareOf: InstanceType<typeof Decimal>, thresholds: readonly string[]): string | undefined {
  return [...thresholds].sort((a, b) => new Decimal(b).cmp(new Decimal(a))).find((t) => shareOf.gte(new Decimal(t)));
}

/** A budget or pool whose used share reaches a threshold. */
export function budgetWarning(rules: WarningRules, catalog: ProgramCatalog, b: BudgetLedger, usedFen: number): WarningDraft | undefined {
  if (b.limitFen <= 0) return undefined;
  const used = new Decimal(usedFen).div(b.limitFen);
  const threshold = reached(used, rules.budgetUse.thresholds);
  if (!threshold) return undefined;
  const keyText = Object.entries(b.key).map(([k, v]) => `${k}=${v}`).join(', ');
  return {
    kind: 'budget-use',
    key: `budget-use|${b.ledger}|${threshold}`,
    program: b.program.key,
    jurisdiction: b.program.pack.jurisdiction,
    jurisdictionChain: catalog.jurisdictions.chain(b.program.pack.jurisdiction),
    subject: { ledger: b.ledger },
    threshold,
    figures: { cap: b.cap.id, period: b.period, limit: money(b.limitFen), used: money(usedFen), left: money(Math.max(0, b.limitFen - usedFen)), usedShare: used.toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed(4) },
    message: `${b.program.key} ${b.cap.id}${keyText ? ` (${keyText})` : ''} ${b.period}: ${pct(used)} used (${money(usedFen)} of ${money(b.limitFen)} yuan), at or past the ${pct(new Decimal(threshold))} threshold`,
    ref: rules.budgetUse.ref,
    decisionId: null,
  };
}

/** The facts a decision's calculation saw: the application's, the built-ins, the version's defaults. */
export function factsOf(version: ProgramVersion, app: ApplicationFacts): Record<string, unknown> {
  const facts: Record<string, unknown> = { ...app.facts, applicationDate: app.applicationDate, beneficiaryJurisdiction: app.beneficiary.jurisdiction };
  for (const [fact, d] of Object.entries(version.version.defaults ?? {})) if (facts[fact] === undefined) facts[fact] = d.value;
  return facts;
}

export function versionOf(catalog: ProgramCatalog, r: Pick<DecisionRecord, 'program' | 'version'>): ProgramVersion | undefined {
  return catalog.get(r.program)?.versions.find((v) => v.version.version === r.version);
}

/** Lifetime caps kept per beneficiary that a decision of this version draws on. */
export function lifetimeCaps(version: ProgramVersion) {
  // money caps only (a count of grants, such as at most 3 subsidy years, is a rule, not a risk); a cap
  // whose limit is the entitlement to date (settlesDifference) is always used up: not a warning either
  return version.caps.filter(({ cap }) => cap.measure === 'amount' && cap.period === 'lifetime' && cap.per.length === 1 && cap.per[0] === 'beneficiary' && cap.settlesDifference !== true);
}

/** A beneficiary whose use of a lifetime cap reaches a threshold. */
export async function lifetimeCapWarnings(rules: WarningRules, catalog: ProgramCatalog, ledgers: LedgerTotals, r: DecisionRecord, version: ProgramVersion, app: ApplicationFacts): Promise<WarningDraft[]> {
  const out: WarningDraft[] = [];
  const calc = new Calculation(version, factsOf(version, app), catalog.facts);
  for (const { cap, limit } of lifetimeCaps(version)) {
    const l = calc.evaluate(limit);
    if (!l.ok) continue;
    const isAmount = cap.measure === 'amount';
    const limitUnits = isAmount ? Math.round((l.value as InstanceType<typeof Decimal>).toDecimalPlaces(2, Decimal.ROUND_DOWN).mul(100).toNumber()) : (l.value as InstanceType<typeof Decimal>).floor().toNumber();
    if (limitUnits <= 0) continue;
    const ledger = ledgerKey(version, cap.id, [r.uscc], 'lifetime');
    const { used } = await ledgers.used(ledger);
    const share = new Decimal(used).div(limitUnits);
    const threshold = reached(share, rules.lifetimeCap.thresholds);
    if (!threshold) continue;
    const show = (n: number) => (isAmount ? `${money(n)} yuan` : `${n}`);
    out.push({
      kind: 'lifetime-cap',
      key: `lifetime-cap|${ledger}|${threshold}`,
      program: r.program,
      jurisdiction: r.jurisdiction,
      jurisdictionChain: r.jurisdictionChain,
      subject: { uscc: r.uscc, name: r.beneficiaryName, ledger },
      threshold,
      figures: { cap: cap.id, measure: cap.measure, limit: isAmount ? money(limitUnits) : limitUnits, used: isAmount ? money(used) : used, usedShare: share.toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed(4) },
      message: `${r.beneficiaryName || r.uscc} has used ${pct(share)} of ${r.program} ${cap.id} (${show(used)} of ${show(limitUnits)}), at or past the ${pct(new Decimal(threshold))} threshold`,
      ref: rules.lifetimeCap.ref,
      decisionId: r.decisionId,
    });
  }
  return out;
}

/** A bank whose loss ratio, as its program's rules compute it, reaches a share of the program's limit. */
export function bankLossRatioWarning(rules: WarningRules, catalog: ProgramCatalog, r: DecisionRecord, version: ProgramVersion, app: ApplicationFacts): WarningDraft | undefined {
  const rule = rules.bankLossRatio.find((b) => b.program === r.program);
  if (!rule) return undefined;
  const limit = toDecimal(version.version.parameters[rule.limitParameter]?.value);
  if (!limit || limit.lte(0)) return undefined;
  const ratio = new Calculation(version, factsOf(version, app), catalog.facts).numeric(rule.ratioStep);
  if (!ratio.ok || !(ratio.value instanceof Decimal)) return undefined;
  const value = ratio.value as InstanceType<typeof Decimal>;
  const threshold = reached(value.div(limit), rule.thresholdsOfLimit);
  if (!threshold) return undefined;
  const year = r.applicationDate.slice(0, 4);
  return {
    kind: 'bank-loss-ratio',
    key: `bank-loss-ratio|${r.program}|${r.uscc}|${year}|${threshold}`,
    program: r.program,
    jurisdiction: r.jurisdiction,
    jurisdictionChain: r.jurisdictionChain,
    subject: { uscc: r.uscc, name: r.beneficiaryName },
    threshold,
    figures: { lossRatio: value.toDecimalPlaces(6, Decimal.ROUND_DOWN).toFixed(6), limit: limit.toString(), shareOfLimit: value.div(limit).toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed(4), year },
    message: `${r.beneficiaryName || r.uscc}: loss ratio ${pct(value)} under ${r.program} reaches ${pct(new Decimal(threshold))} of the program's ${pct(limit)} limit (${year})`,
    ref: rule.ref,
    decisionId: r.decisionId,
  };
}

/**
 * Applications of each beneficiary by decision time, kept in memory from the log: a burst is
 * `maxApplications` of them decided within `windowHours`.
 */
export class BurstWatch {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly rules: WarningRules) {}

  /** Notes a record; a warning when it completes a burst. */
  add(r: DecisionRecord): WarningDraft | undefined {
    if (r.topUpOf !== null) return undefined;
    const t = Date.parse(r.decidedAt);
    const list = this.times.get(r.uscc) ?? [];
    list.push(t);
    list.sort((a, b) => a - b);
    this.times.set(r.uscc, list);
    const { windowHours, maxApplications, ref } = this.rules.applicationBurst;
    const since = t - windowHours * 3_600_000;
    const inWindow = list.filter((x) => x >= since && x <= t).length;
    if (inWindow < maxApplications) return undefined;
    const day = r.decidedAt.slice(0, 10);
    return {
      kind: 'application-burst',
      key: `application-burst|${r.uscc}|${day}`,
      program: null,
      jurisdiction: r.jurisdiction,
      jurisdictionChain: r.jurisdictionChain,
      subject: { uscc: r.uscc, name: r.beneficiaryName },
      threshold: String(maxApplications),
      figures: { applications: inWindow, windowHours, maxApplications, day },
      message: `${r.beneficiaryName || r.uscc}: ${inWindow} applications decided within ${windowHours} hours (threshold ${maxApplications})`,
      ref,
      decisionId: r.decisionId,
    };
  }
}
