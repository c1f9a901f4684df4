import { Adjudicator } from '../adjudication/adjudicator';
import type { Explanation } from '../adjudication/explanation';
import type { ProgramCatalog } from '../rules/catalog';
import { EstimatingLedgers, type MongoLedgers } from '../store/mongo-ledgers';
import { unprocessable } from './errors';

export interface EligibilityRequest {
  beneficiary: { uscc: string; name: string; jurisdiction: string };
  applicationDate?: string;
  programs?: string[];
  facts: Record<string, unknown>;
}

const ORDER: Record<Explanation['outcome'], number> = { approved: 0, partial: 1, 'needs-information': 2, rejected: 3 };

/**
 * Evaluates a profile against every program of its jurisdiction chain (or the listed ones),
 * estimating caps from the ledgers without reserving anything, eligible programs first.
 */
export class EligibilityChecks {
  private readonly adjudicator: Adjudicator;
  private readonly estimating: EstimatingLedgers;

  constructor(private readonly catalog: ProgramCatalog, ledgers: MongoLedgers, private readonly today: () => string) {
    this.adjudicator = new Adjudicator(catalog, catalog.facts);
    this.estimating = new EstimatingLedgers(ledgers);
  }

  async check(req: EligibilityRequest) {
    const { jurisdiction } = req.beneficiary;
    if (!this.catalog.jurisdictions.has(jurisdiction)) {
      throw unprocessable('unknown jurisdiction', [{ pointer: '/beneficiary/jurisdiction', detail: 'is not a known jurisdiction code' }]);
    }
    const programs = req.programs
      ? req.programs.map((key, i) => {
          const p = this.catalog.get(key);
          if (!p || !this.catalog.appliesIn(p, jurisdiction)) {
            throw unprocessable(`${key} does not apply here`, [{ pointer: `/programs/${i}`, detail: p ? `does not apply in ${jurisdiction}` : 'is not a known program' }]);
          }
          return p;
        })
      : this.catalog.forJurisdiction(jurisdiction).filter((p) => p.pack.status !== 'draft');
    const applicationDate = req.applicationDate ?? this.today();
    const results = [];
    for (const program of programs) {
      const explanation = await this.adjudicator.decide(
        { program: program.key, beneficiary: req.beneficiary, applicationDate, facts: req.facts },
        { ledgers: this.estimating, holder: 'eligibility-check' },
      );
      results.push({
        program: program.key,
        title: program.pack.title,
        outcome: explanation.outcome,
        estimatedAmount: explanation.amount,
        missingFacts: explanation.missingFacts,
        capsRoom: explanation.caps.map((c) => ({ cap: c.id, title: c.title, limit: c.limit, used: c.usedBefore, available: c.available })),
        explanation,
      });
    }
    results.sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome]);
    return { beneficiary: req.beneficiary, applicationDate, results };
  }
}
