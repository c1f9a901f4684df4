import { Decimal, roundToFen, yuanText, type Decimal as DecimalValue } from '../money/decimal';
import type { FactDictionary } from '../rules/fact-dictionary';
import type { Program, ProgramVersion } from '../rules/compiled';
import { engineVersion } from '../engine/compiled-version';
import { FastCalculation } from '../engine/fast-calculation';
import { Calculation } from './calculation';
import { applyCaps } from './caps';
import { evaluateConditions, type ConditionsResult } from './conditions';
import type { Explanation, Outcome, Reason } from './explanation';
import { fit, type CapLedgers } from './ledgers';
import { summarize } from './summary';
import { CLAIM_CAP_ID } from '../rules/pack-types';
import { versionDate, versionsInForce, type VersionSource } from './version-selection';
import { adjudicated } from './timing';
import { applyProvenance, type InputProvenance } from './provenance';
import type { ApplicationBeneficiary } from '../schema-types/application';

/** What an application states: the only input of a decision besides the rules and the ledgers. */
export interface ApplicationInputs {
  program: string;
  beneficiary: ApplicationBeneficiary;
  applicationDate: string;
  facts: Readonly<Record<string, unknown>>;
  /** The profile the application referred to and the facts taken from it (verified); the rest are self-declared. */
  provenance?: InputProvenance;
}

export interface DecideOptions {
  ledgers: CapLedgers;
  /** Who holds what caps reserve: the decision's id. */
  holder: string;
  /** Simulation by policy staff: draft versions and draft programs apply. */
  includeDrafts?: boolean;
  versions?: VersionSource;
  /**
   * `compiled` (the default): rule versions compiled once into closures. `reference`: the
   * conditions run through json-rules-engine with the project's operators and the formulas
   * through mathjs, as the compiled path is proven against (test/engine/differential.test.ts).
   */
  engine?: EngineKind;
  /**
   * Dependency decisions already made for these same inputs (and options), by program: an
   * eligibility check deciding several programs of one profile decides a shared dependency
   * once. A dependency is decided against unlimited ledgers, so its explanation does not
   * depend on which decision reads it.
   */
  dependencyDecisions?: Map<string, Promise<Explanation>>;
}

export type EngineKind = 'compiled' | 'reference';

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
    const started = performance.now();
    try {
      return await this.decideProgram(program, inputs, options, [program.key]);
    } finally {
      adjudicated(program.key, (performance.now() - started) / 1000);
    }
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
    const provenance = applyProvenance(version, inputs.facts, inputs.provenance, facts, this.facts);
    const dependencies: Explanation['dependencies'] = [];
    const undecided = new Map<string, string[]>();
    for (const dep of program.pack.dependsOn ?? []) {
      if (path.includes(dep.program)) throw new Error(`dependency cycle: ${[...path, dep.program].join(' → ')}`);
      const depProgram = this.programs.get(dep.program);
      if (!depProgram) throw new Error(`unknown program ${dep.program}`);
      // A dependency is read for its determination, never paid: its caps are not consulted.
      const shared = options.dependencyDecisions;
      let decided = shared?.get(dep.program);
      if (!decided) {
        decided = this.decideProgram(depProgram, inputs, { ...options, ledgers: UNLIMITED, holder: `${options.holder}/${dep.as}` }, [...path, dep.program]);
        shared?.set(dep.program, decided);
      }
      const explanation = await decided;
      dependencies.push({ as: dep.as, program: dep.program, explanation });
      if (explanation.outcome === 'needs-information') undecided.set(dep.as, explanation.missingFacts);
      else facts[dep.as] = { qualified: explanation.conditions?.result === 'pass', outcome: explanation.outcome };
    }

    let calc: Calculation;
    let conditions: ConditionsResult;
    let explained: Pick<Explanation, 'version' | 'parameters' | 'references'>;
    if (options.engine === 'reference') {
      calc = new Calculation(version, facts, this.facts, undecided);
      const params = Object.fromEntries(Object.entries(version.version.parameters).map(([k, p]) => [k, p.value]));
      conditions = await evaluateConditions(version.eligibility, calc, params);
      explained = {
        version: {
          version: version.version.version,
          status: version.version.status,
          effectiveFrom: version.version.effectiveFrom,
          effectiveUntil: version.effectiveUntil ?? null,
          contentHash: version.contentHash,
          ruleHash: version.ruleHash,
        },
        parameters: Object.fromEntries(Object.entries(version.version.parameters).map(([k, p]) => [k, { value: p.value, provenance: p.provenance, ref: p.ref }])),
        references: program.pack.sources.filter((s) => version.version.references.includes(s.id)).map((s) => ({ id: s.id, title: s.title, provenance: s.provenance, ...(s.url ? { url: s.url } : {}) })),
      };
    } else {
      const compiled = engineVersion(version);
      const fast = new FastCalculation(compiled, facts, this.facts, undecided);
      conditions = compiled.conditions.evaluate(fast.readings(compiled.conditions.factsRead));
      calc = fast;
      explained = compiled.explained;
    }
    const withVersion: Head = {
      program: base.program,
      versionSelection: base.versionSelection,
      version: explained.version,
      ...(defaults.length ? { defaults } : {}),
      conditions: conditions.tree,
      failingConditions: conditions.failing,
      dependencies,
      parameters: explained.parameters,
      references: explained.references,
      ...(provenance ? { provenance } : {}),
    };
    const trace = calc.trace;

    if (conditions.verdict === 'fail') {
      return done(withVersion, trace, { outcome: 'rejected', reasons: [{ code: 'conditions-not-met', detail: `${conditions.failing.length} condition(s) not met` }] });
    }
    if (conditions.verdict === 'unknown') {
      return done(withVersion, trace, { outcome: 'needs-information', missingFacts: conditions.missing, reasons: [{ code: 'missing-facts', detail: 'facts needed to decide eligibility are missing' }] });
    }
    if (program.pack.kind === 'determination') {
      return done(withVersion, trace, { outcome: 'approved', reasons: [{ code: 'qualified', detail: 'all conditions are met' }] });
    }

    const computed = calc.resolve(version.version.amount!);
    if (!computed.ok) {
      return done(withVersion, trace, { outcome: 'needs-information', missingFacts: computed.missing, reasons: [{ code: 'missing-facts', detail: 'facts needed to compute the amount are missing' }] });
    }
    const raw = new Decimal(computed.value as string);
    const amount = roundToFen(Decimal.max(raw, 0), version.version.rounding ?? 'half-up');
    if (amount.isZero()) {
      return done(withVersion, trace, { computedAmount: yuanText(amount), amount: yuanText(amount), outcome: 'rejected', reasons: [{ code: 'amount-zero', detail: 'the computed amount is zero' }] });
    }
    const capped = await applyCaps(version, calc, inputs.beneficiary.uscc, amount, options.ledgers, options.holder, this.facts);
    if (capped.missing.length) {
      return done(withVersion, trace, { computedAmount: yuanText(amount), outcome: 'needs-information', missingFacts: capped.missing, reasons: [{ code: 'missing-facts', detail: 'facts needed to apply the caps are missing' }] });
    }
    const { outcome, reasons } = capOutcome(amount, capped.granted, capped.caps);
    return done(withVersion, trace, { caps: capped.caps, computedAmount: yuanText(amount), amount: yuanText(capped.granted), outcome, reasons });
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

type Head = Pick<Explanation, 'program' | 'version' | 'versionSelection' | 'defaults' | 'conditions' | 'failingConditions' | 'dependencies' | 'parameters' | 'references' | 'provenance'>;
type Tail = Pick<Explanation, 'outcome' | 'reasons'> & Partial<Pick<Explanation, 'amount' | 'computedAmount' | 'missingFacts' | 'caps'>>;

/** `finish` for a decision that found its version, built without copying its parts. */
function done(h: Head, calculation: Explanation['calculation'], t: Tail): Explanation {
  const e: Explanation = {
    program: h.program,
    version: h.version,
    versionSelection: h.versionSelection,
    outcome: t.outcome,
    amount: t.amount ?? null,
    computedAmount: t.computedAmount ?? null,
    currency: 'CNY',
    summary: undefined as unknown as Explanation['summary'],
    reasons: t.reasons,
    failingConditions: h.failingConditions,
    missingFacts: t.missingFacts ?? [],
    ...(h.defaults ? { defaults: h.defaults } : {}),
    conditions: h.conditions,
    calculation,
    caps: t.caps ?? [],
    dependencies: h.dependencies,
    parameters: h.parameters,
    references: h.references,
    ...(h.provenance ? { provenance: h.provenance } : {}),
  };
  e.summary = summarize(e);
  return e;
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
