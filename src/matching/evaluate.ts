import { createHash } from 'node:crypto';
import { Adjudicator } from '../adjudication/adjudicator';
import type { Explanation } from '../adjudication/explanation';
import { fit, type CapLedgers } from '../adjudication/ledgers';
import { precompile } from '../engine/compiled-version';
import { verifiedOrigins, type ProfileView } from '../profiles/profile-view';
import type { ProgramCatalog } from '../rules/catalog';
import type { Program } from '../rules/compiled';
import type { ProgramMatch } from '../store/matching-models';

/** The policy's limits only: an estimate counts no other firm's grants and reserves nothing (no ledger is read or written). */
const PUBLISHED_LIMITS: CapLedgers = {
  take: async (t) => ({ usedBefore: 0, granted: fit(t, 0), reused: false }),
  giveBack: async () => undefined,
};

export interface Evaluated {
  match: ProgramMatch;
  explanation: Explanation;
}

/**
 * Runs programs over a profile on the compiled engine (the path eligibility checks use), with
 * the profile's facts marked verified; a dependency several programs read is decided once.
 */
export class ProfileEvaluator {
  private readonly adjudicator: Adjudicator;
  private readonly fingerprints = new Map<string, string>();

  constructor(private readonly catalog: ProgramCatalog) {
    this.adjudicator = new Adjudicator(catalog, catalog.facts);
    precompile(catalog.all());
  }

  /** Programs in force for an enterprise of the jurisdiction: published ones paying enterprises. */
  programsFor(jurisdiction: string): Program[] {
    return this.catalog.forJurisdiction(jurisdiction).filter((p) => p.pack.status !== 'draft' && p.pack.beneficiary === 'enterprise');
  }

  /** A fingerprint of a program's rules (every version's rule hash, and its dependencies'): a change re-matches it. */
  rulesOf(program: Program): string {
    let f = this.fingerprints.get(program.key);
    if (!f) {
      const deps = (program.pack.dependsOn ?? []).map((d) => this.rulesOf(this.catalog.get(d.program)!));
      f = createHash('sha256').update(JSON.stringify([program.key, program.versions.map((v) => [v.version.version, v.version.status, v.ruleHash]), deps])).digest('hex').slice(0, 24);
      this.fingerprints.set(program.key, f);
    }
    return f;
  }

  async evaluate(view: ProfileView, programs: Program[]): Promise<Evaluated[]> {
    const dependencyDecisions = new Map<string, Promise<Explanation>>();
    const out: Evaluated[] = [];
    const inputs = { beneficiary: view.beneficiary, applicationDate: view.asOf, facts: view.facts, provenance: { profile: { uscc: view.beneficiary.uscc, asOf: view.asOf }, verified: verifiedOrigins(view) } };
    for (const program of programs) {
      const rules = this.rulesOf(program);
      try {
        const e = await this.adjudicator.decide({ ...inputs, program: program.key }, { ledgers: PUBLISHED_LIMITS, holder: `matching:${view.beneficiary.uscc}`, dependencyDecisions });
        out.push({ explanation: e, match: { program: program.key, rules, outcome: e.outcome, amount: e.amount, version: e.version?.version ?? null, missingFacts: e.missingFacts, failing: e.failingConditions.map((f) => ({ ...(f.id ? { id: f.id } : {}), fact: f.fact, operator: f.operator, expected: f.expected, actual: f.actual ?? null })) } });
      } catch (err) {
        // facts a calculation cannot carry (amounts out of range): reported, never a failed run
        out.push({ explanation: undefined as unknown as Explanation, match: { program: program.key, rules, outcome: 'needs-information', amount: null, version: null, missingFacts: [], failing: [], error: (err as Error).message } as ProgramMatch });
      }
    }
    return out;
  }
}
