import { Adjudicator } from '../adjudication/adjudicator';
import type { Explanation } from '../adjudication/explanation';
import type { ProgramCatalog } from '../rules/catalog';
import type { Program } from '../rules/compiled';
import { factsOf } from '../rules/program-facts';
import { Decimal, decimalText, yuanText } from '../money/decimal';
import type { CapLedgers } from '../adjudication/ledgers';
import { precompile } from '../engine/compiled-version';
import { PublishedLedgers, type LedgerUsage } from './published-ledgers';
import { factRangeErrors } from '../validation/fact-ranges';
import { unprocessable } from './errors';
import { checkPlaceFacts, knownJurisdiction } from './jurisdiction-views';
import type { Counterfactuals } from '../counterfactuals/what-would-change';
import type { EligibilityCheck } from '../schema-types/eligibility-check';

/** An eligibility check's request (schemas/eligibility-check.schema.json); facts wider: read by name, as a map. */
export type EligibilityRequest = Omit<EligibilityCheck, 'facts'> & { facts: Record<string, unknown> };

/** `full`: each result carries its whole explanation; `summary`: its one-sentence summary and reasons only. */
export type ExplainLevel = 'summary' | 'full';

type Result = { program: string; outcome: Explanation['outcome']; estimatedAmount: string | null; explanation: Explanation };

/** A base program with its top-ups: each level's rate, amount and funding source, and the sum. */
function combine(catalog: ProgramCatalog, key: string, results: Result[]) {
  const program = catalog.get(key)!;
  const baseKey = program.pack.topUpOf ?? key;
  const levels = results.filter((r) => r.program === baseKey || catalog.get(r.program)!.pack.topUpOf === baseKey);
  if (levels.length < 2) return undefined;
  const paying = (r: Result) => r.outcome === 'approved' || r.outcome === 'partial';
  const shares = levels.map((r) => {
    const pack = catalog.get(r.program)!.pack;
    const rate = pack.shareParameter ? r.explanation.parameters[pack.shareParameter]?.value : undefined;
    return { program: r.program, jurisdiction: pack.jurisdiction, rate: rate === undefined ? null : String(rate), amount: r.estimatedAmount, outcome: r.outcome, funding: pack.funding ?? null };
  });
  const eligible = shares.filter((s, i) => paying(levels[i]!));
  const sum = (values: (string | null)[]) => values.reduce((t, v) => t.plus(v ?? 0), new Decimal(0));
  return { rate: decimalText(sum(eligible.map((s) => s.rate))), amount: yuanText(sum(eligible.map((s) => s.amount))), shares };
}

function pays(beneficiary: string, kind: string): boolean {
  return beneficiary === kind || (beneficiary === 'bank-or-guarantor' && (kind === 'bank' || kind === 'guarantor'));
}

/** Required facts of the version that decided (or would decide) this program that the request does not state. */
function stillNeeded(program: Program, explanation: Explanation, facts: Record<string, unknown>, catalog: ProgramCatalog): string[] {
  const version = program.versions.find((v) => v.version.version === explanation.version?.version) ?? program.versions.find((v) => v.version.status === 'published');
  const all = version ? factsOf(version, catalog.facts).filter((f) => f.presence === 'required' && facts[f.name] === undefined).map((f) => f.name) : [];
  return [...new Set([...explanation.missingFacts, ...all])].sort();
}

const ORDER: Record<Explanation['outcome'], number> = { approved: 0, partial: 1, 'needs-information': 2, rejected: 3 };

/**
 * Evaluates a profile against every program of its jurisdiction chain (or the listed ones),
 * estimating caps from the ledgers without reserving anything, eligible programs first.
 */
export class EligibilityChecks {
  private readonly adjudicator: Adjudicator;
  /** What would change a rejection (set by the runtime; asked for with `whatWouldChange`). */
  counterfactuals?: Counterfactuals;

  /** `estimating`: ledgers that say what would fit without reserving (see LedgerRooms). */
  constructor(private readonly catalog: ProgramCatalog, private readonly estimating: CapLedgers, private readonly today: () => string) {
    this.adjudicator = new Adjudicator(catalog, catalog.facts);
    precompile(catalog.all());
  }

  /**
   * `ledgerUsage`: shown — estimates count what every ledger holds; beneficiary — only the
   * beneficiary's own caps (an applicant system that files for it); published — the policy's
   * limits only.
   */
  async check(req: EligibilityRequest, ledgerUsage: LedgerUsage = 'shown', explain: ExplainLevel = 'full', options: { whatWouldChange?: boolean } = {}) {
    const { jurisdiction } = req.beneficiary;
    knownJurisdiction(this.catalog, jurisdiction, '/beneficiary/jurisdiction');
    checkPlaceFacts(this.catalog, req.facts);
    const programs = req.programs
      ? req.programs.map((key, i) => {
          const p = this.catalog.get(key);
          if (!p || !this.catalog.appliesIn(p, jurisdiction)) {
            throw unprocessable(`${key} does not apply here`, [{ pointer: `/programs/${i}`, detail: p ? `does not apply in ${jurisdiction}` : 'is not a known program' }]);
          }
          if (p.pack.status === 'draft' && req.includeDrafts !== true) {
            throw unprocessable(`${key} is a draft`, [{ pointer: `/programs/${i}`, detail: 'is a draft program: simulate it with includeDrafts' }]);
          }
          return p;
        })
      : this.catalog
          .forJurisdiction(jurisdiction)
          .filter((p) => req.includeDrafts === true || p.pack.status !== 'draft')
          .filter((p) => req.beneficiaryKind === undefined || pays(p.pack.beneficiary, req.beneficiaryKind));
    const applicationDate = req.applicationDate ?? this.today();
    const ranges = factRangeErrors(this.catalog.facts, req.facts, applicationDate);
    if (ranges.length) throw unprocessable('facts out of range', ranges);
    const own = (ledger: string) => ledgerUsage === 'beneficiary' && ledger.split('|').includes(req.beneficiary.uscc);
    const ledgers = ledgerUsage === 'shown' ? this.estimating : new PublishedLedgers(this.estimating, own);
    const results = [];
    // every program sees the same profile: a dependency several programs read is decided once
    const dependencyDecisions = new Map<string, Promise<Explanation>>();
    for (const program of programs) {
      const explanation = await this.adjudicator.decide(
        { program: program.key, beneficiary: req.beneficiary, applicationDate, facts: req.facts },
        { ledgers, holder: 'eligibility-check', includeDrafts: req.includeDrafts === true, dependencyDecisions },
      );
      results.push({
        program: program.key,
        title: program.pack.title,
        outcome: explanation.outcome,
        estimatedAmount: explanation.amount,
        missingFacts: explanation.missingFacts,
        // every fact the version may still need, not only the layer that stopped this evaluation
        ...(explanation.outcome === 'needs-information' ? { stillNeeded: stillNeeded(program, explanation, req.facts, this.catalog) } : {}),
        ...(options.whatWouldChange && this.counterfactuals && (explanation.outcome === 'rejected' || explanation.outcome === 'needs-information')
          ? { whatWouldChange: await this.counterfactuals.explore({ program: program.key, beneficiary: req.beneficiary, applicationDate, facts: req.facts }) }
          : {}),
        capsRoom: explanation.caps.map((c) => ({ cap: c.id, title: c.title, limit: c.limit, used: c.usedBefore, available: c.available })),
        explanation,
      });
    }
    for (const r of results) {
      const combined = combine(this.catalog, r.program, results);
      if (combined) Object.assign(r, { combined });
    }
    results.sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome]);
    if (explain === 'summary') {
      const brief = results.map(({ explanation, ...rest }) => ({ ...rest, summary: explanation.summary, reasons: explanation.reasons }));
      return { beneficiary: req.beneficiary, applicationDate, ledgerUsage, results: brief };
    }
    return { beneficiary: req.beneficiary, applicationDate, ledgerUsage, results };
  }
}
