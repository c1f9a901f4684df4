import { Decimal, roundToFen, yuanText, type Decimal as DecimalValue } from '../money/decimal';
import type { FactDictionary } from '../rules/fact-dictionary';
import type { Program, ProgramVersion } from '../rules/compiled';
import { Calculation } from './calculation';
import { applyCaps } from './caps';
import { evaluateConditions } from './conditions';
import type { Explanation, Outcome, Reason } from './explanation';
import { fit, type CapLedgers } from './ledgers';
import { summarize } from './summary';
import { CLAIM_CAP_ID } from '../rules/pack-types';
import { versionDate, versionsInForce, type VersionSource } from './version-selection';

/** What an application states: the only input of a decision besides the rules and the ledgers. */
export interface ApplicationInputs {
  program: string;
  beneficiary: { uscc: string; name: string; jurisdiction: string };
  applicationDate: string;
  facts: Readonly<Record<string, unknown>>;
}

export interface DecideOptions {
  ledgers: CapLedgers;
  /** Who holds what caps reserve: the decision's id. */
  holder: string;
  /** Simulation by policy staff: draft versions and draft programs apply. */
  includeDrafts?: boolean;
  versions?: VersionSource;
}

/** Ledgers with room for everything: what a dependency is evaluated against. */
const UNLIMITED: CapLedgers = {
  take: async (t) => ({ usedBefore: 0, granted: fit({ ...t, limit: Number.MAX_SAFE_INTEGER }, 0), reused: false }),
  giveBack: async () => undefined,
};

/** Decides one application against one program: pure but for the ledgers it is given. */
export class Adjudicator {
  constructor(
    private readonly programs: { get(key: string): Program | undefined },
    private readonly facts: FactDictionary,
  ) {}

  async decide(inputs: ApplicationInputs, options: DecideOptions): Promise<Explanation> {
    const program = this.programs.get(inputs.program);
    if (!program) throw new Error(`unknown program ${inputs.program}`);
    return this.decideProgram(program, inputs, options, [program.key]);
  }

  private async decideProgram(program: Program, inputs: ApplicationInputs, options: DecideOptions, path: string[]): Promise<Explanation> {
    const facts: Record<string, unknown> = {
      ...inputs.facts,
      applicationDate: inputs.applicationDate,
      beneficiaryJurisdiction: inputs.beneficiary.jurisdiction,
    };
    const selection = versionDate(program.pack.versionDate, facts, inputs.applicationDate);
    const base = {
      program: {
        key: program.key,
        jurisdiction: program.pack.jurisdiction,
        name: program.pack.name,
        title: program.pack.title,
        kind: program.pack.kind,
      },
      versionSelection: { by: selection.by, date: selection.date ?? null },
      currency: 'CNY' as const,
    };
    if (selection.missing) {
      return finish({ ...base, ...empty(), outcome: 'needs-information', missingFacts: [selection.missing], reasons: [{ code: 'missing-facts', detail: `${selection.missing} chooses the version` }] });
    }
    const version = (options.versions ?? versionsInForce).select(program, selection.date!, options.includeDrafts === true);
    if (!version) {
      return finish({ ...base, ...empty(), outcome: 'rejected', reasons: [{ code: 'no-version-in-force', detail: `no version of ${program.key} is in force on ${selection.date}` }] });
    }

    // Facts the policy makes zero or irrelevant when absent count as declared, and the explanation says so
    const defaults: NonNullable<Explanation['defaults']> = [];
    for (const [fact, d] of Object.entries(version.version.defaults ?? {})) {
      if (facts[fact] === undefined) {
        facts[fact] = d.value;
        defaults.push({ fact, value: d.value, ref: d.ref });
      }
    }
    const dependencies: Explanation['dependencies'] = [];
    const undecided = new Map<string, string[]>();
    for (const dep of program.pack.dependsOn ?? []) {
      if (path.includes(dep.program)) throw new Error(`dependency cycle: ${[...path, dep.program].join(' → ')}`);
      const depProgram = this.programs.get(dep.program);
      if (!depProgram) throw new Error(`unknown program ${dep.program}`);
      // A dependency is read for its determination, never paid: its caps are not consulted.
      const explanation = await this.decideProgram(depProgram, inputs, { ...options, ledgers: UNLIMITED, holder: `${options.holder}/${dep.as}` }, [...path, dep.program]);
      dependencies.push({ as: dep.as, program: dep.program, explanation });
      if (explanation.outcome === 'needs-information') undecided.set(dep.as, explanation.missingFacts);
      else facts[dep.as] = { qualified: explanation.conditions?.result === 'pass', outcome: explanation.outcome };
    }

    const calc = new Calculation(version, facts, this.facts, undecided);
    const params = Object.fromEntries(Object.entries(version.version.parameters).map(([k, p]) => [k, p.value]));
    const conditions = await evaluateConditions(version.eligibility, calc, params);
    const withVersion = {
      ...base,
      version: {
        version: version.version.version,
        status: version.version.status,
        effectiveFrom: version.version.effectiveFrom,
        effectiveUntil: version.effectiveUntil ?? null,
        contentHash: version.contentHash,
        ruleHash: version.ruleHash,
      },
      ...(defaults.length ? { defaults } : {}),
      conditions: conditions.tree,
      failingConditions: conditions.failing,
      dependencies,
      parameters: Object.fromEntries(Object.entries(version.version.parameters).map(([k, p]) => [k, { value: p.value, provenance: p.provenance, ref: p.ref }])),
      references: program.pack.sources.filter((s) => version.version.references.includes(s.id)).map((s) => ({ id: s.id, title: s.title, provenance: s.provenance, ...(s.url ? { url: s.url } : {}) })),
    };
    const rest = { calculation: calc.trace, caps: [], missingFacts: [], amount: null, computedAmount: null };

    if (conditions.verdict === 'fail') {
      return finish({ ...withVersion, ...rest, outcome: 'rejected', reasons: [{ code: 'conditions-not-met', detail: `${conditions.failing.length} condition(s) not met` }] });
    }
    if (conditions.verdict === 'unknown') {
      return finish({ ...withVersion, ...rest, outcome: 'needs-information', missingFacts: conditions.missing, reasons: [{ code: 'missing-facts', detail: 'facts needed to decide eligibility are missing' }] });
    }
    if (program.pack.kind === 'determination') {
      return finish({ ...withVersion, ...rest, outcome: 'approved', reasons: [{ code: 'qualified', detail: 'all conditions are met' }] });
    }

    const computed = calc.resolve(version.version.amount!);
    if (!computed.ok) {
      return finish({ ...withVersion, ...rest, outcome: 'needs-information', missingFacts: computed.missing, reasons: [{ code: 'missing-facts', detail: 'facts needed to compute the amount are missing' }] });
    }
    const raw = new Decimal(computed.value as string);
    const amount = roundToFen(Decimal.max(raw, 0), version.version.rounding ?? 'half-up');
    if (amount.isZero()) {
      return finish({ ...withVersion, ...rest, computedAmount: yuanText(amount), amount: yuanText(amount), outcome: 'rejected', reasons: [{ code: 'amount-zero', detail: 'the computed amount is zero' }] });
    }
    const capped = await applyCaps(version, calc, inputs.beneficiary.uscc, amount, options.ledgers, options.holder, this.facts);
    if (capped.missing.length) {
      return finish({ ...withVersion, ...rest, computedAmount: yuanText(amount), outcome: 'needs-information', missingFacts: capped.missing, reasons: [{ code: 'missing-facts', detail: 'facts needed to apply the caps are missing' }] });
    }
    const { outcome, reasons } = capOutcome(amount, capped.granted, capped.caps);
    return finish({ ...withVersion, ...rest, calculation: calc.trace, caps: capped.caps, computedAmount: yuanText(amount), amount: yuanText(capped.granted), outcome, reasons });
  }
}

function capOutcome(amount: DecimalValue, granted: DecimalValue, caps: Explanation['caps']): { outcome: Outcome; reasons: Reason[] } {
  const reasons: Reason[] = [];
  for (const c of caps) {
    if (c.cut === '0.00') continue;
    const reached = c.granted === '0.00';
    if (c.id === CLAIM_CAP_ID) {
      const first = c.usedBy?.map((h) => h.imported ? `${h.holder} (imported from ${h.imported.source})` : h.holder).join(', ');
      reasons.push({ code: 'already-claimed', detail: `${c.title.en}: the same claim (${Object.entries(c.key ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}) was decided before${first ? ` by ${first}` : ''}` });
      continue;
    }
    if (c.settlesDifference) {
      reasons.push({ code: 'already-paid', detail: reached ? `${c.title.en}: already paid in full (${c.usedBefore} of ${c.limit})` : `${c.title.en}: ${c.usedBefore} already paid of ${c.limit}; pays the difference` });
    } else {
      reasons.push({ code: reached ? 'cap-reached' : 'cap-cut', detail: `${c.title.en}: limit ${c.limit}, used ${c.usedBefore}, cut ${c.cut}` });
    }
  }
  if (granted.isZero()) return { outcome: 'rejected', reasons };
  const cutByCap = caps.some((c) => c.cut !== '0.00' && !c.settlesDifference);
  return { outcome: cutByCap && granted.lt(amount) ? 'partial' : 'approved', reasons: reasons.length ? reasons : [{ code: 'eligible', detail: 'all conditions are met' }] };
}

function empty() {
  return { version: null, conditions: null, failingConditions: [], missingFacts: [], calculation: [], caps: [], dependencies: [], parameters: {}, references: [], amount: null, computedAmount: null };
}

/** The explanation in one fixed key order, the order an auditor reads it in. */
function finish(e: Omit<Explanation, 'summary'>): Explanation {
  return {
    program: e.program,
    version: e.version,
    versionSelection: e.versionSelection,
    outcome: e.outcome,
    amount: e.amount,
    computedAmount: e.computedAmount,
    currency: e.currency,
    summary: summarize(e),
    reasons: e.reasons,
    failingConditions: e.failingConditions,
    missingFacts: e.missingFacts,
    ...(e.defaults ? { defaults: e.defaults } : {}),
    conditions: e.conditions,
    calculation: e.calculation,
    caps: e.caps,
    dependencies: e.dependencies,
    parameters: e.parameters,
    references: e.references,
  };
}
