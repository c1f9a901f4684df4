import { createHash } from 'node:crypto';
import type { Explanation } from '../adjudication/explanation';
import { allVerified } from '../adjudication/provenance';
import type { CatalogSource } from '../rules/catalog';
import { ReadsCatalogInForce } from '../rules/catalog-in-force';
import { notFound } from '../service/errors';
import { decisionIdFor } from '../service/resources';
import { filingId, keyedApplicationId, type Submissions } from '../service/submissions';
import type { AutoGrantProposalDoc } from '../store/auto-grant-models';
import type { AutoGrantStore } from '../store/auto-grant-store';
import type { Repositories } from '../store/repositories';
import type { Rematched } from './job';

/** Who files a grant without application: its Idempotency-Key is the proposal id. */
export const AUTO_GRANT_CLIENT = 'auto-grant';

/** Whether a decision (and every dependency it read) rests only on verified facts. */
function verifiedThroughout(e: Explanation): boolean {
  return allVerified(e.provenance) && e.dependencies.every((d) => verifiedThroughout(d.explanation));
}

/**
 * Grants without application (免申即享). When the matching job finds an enterprise eligible for
 * a version marked `autoGrant`, with every fact the decision reads verified from its profile, it
 * submits an application that refers to the profile — the same path as any submission: the
 * same ledgers, caps, idempotency (one grant per program, enterprise, date and profile state)
 * and explanation, whose provenance names each fact's source and batch. While policy staff hold
 * a program's grants for review, the grant is proposed instead and submitted when approved.
 */
export class AutoGrants extends ReadsCatalogInForce {
  constructor(
    private readonly store: AutoGrantStore,
    /** The submissions in force (a rule reload installs new ones). */
    private readonly submissions: () => Submissions,
    private readonly stores: Pick<Repositories, 'applications' | 'decisions'>,
    catalog: CatalogSource,
  ) {
    super(catalog);
  }

  async afterEvaluate(run: { id: string; asOf: string }, { view, evaluated }: Rematched): Promise<void> {
    for (const { match, explanation } of evaluated) {
      if (!explanation || (match.outcome !== 'approved' && match.outcome !== 'partial')) continue;
      const program = this.catalog.get(match.program);
      const version = program?.versions.find((v) => v.version.version === match.version);
      if (!program || program.pack.topUpOf !== undefined || version?.version.autoGrant !== true || !verifiedThroughout(explanation)) continue;
      const sources = [...new Set(explanation.provenance!.facts.map((f) => ('source' in f ? `${f.source}|${f.batch}` : '')))].filter(Boolean).sort();
      const key = `${match.program}|${view.beneficiary.uscc}|${run.asOf}|${createHash('sha256').update(sources.join(',')).digest('hex').slice(0, 16)}`;
      const id = `agp_${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
      if ((await this.store.setting(match.program))?.holdForReview) {
        await this.store.propose({ _id: id, program: match.program, beneficiary: view.beneficiary, asOf: run.asOf, run: run.id, estimatedAmount: match.amount, sources, createdAt: new Date() });
        match.autoGrant = { decisionId: null, proposalId: id, outcome: match.outcome, amount: match.amount, held: true };
        continue;
      }
      const submitted = await this.submit(id, { program: match.program, beneficiary: view.beneficiary, asOf: run.asOf });
      match.autoGrant = { decisionId: submitted.decision.id, outcome: submitted.decision.outcome, amount: submitted.decision.amount, held: false };
    }
  }

  /** Submits a grant: the idempotency key is the proposal id, so a re-run or an approval never grants twice. */
  private async submit(id: string, g: { program: string; beneficiary: { uscc: string; name: string; jurisdiction: string }; asOf: string }) {
    const { body } = await this.submissions().submit({ program: g.program, beneficiary: g.beneficiary, profile: { asOf: g.asOf }, facts: {} }, AUTO_GRANT_CLIENT, id);
    return body;
  }

  async setHold(program: string, holdForReview: boolean, by: string) {
    const s = await this.store.changeSetting({ program, holdForReview, by, at: new Date() });
    return { program, holdForReview: s.holdForReview, changedBy: s.by, changedAt: s.at.toISOString() };
  }

  async proposals() {
    return Promise.all((await this.store.proposals()).map((p) => this.proposalView(p)));
  }

  /** Approves a held grant: it is submitted now (approving twice replays the first decision). */
  async approve(id: string) {
    const p = /^agp_[0-9a-f]{32}$/.test(id) ? await this.store.proposal(id) : undefined;
    if (!p) throw notFound(`no auto-grant proposal ${id}`);
    const body = await this.submit(p._id, p);
    return { proposal: await this.proposalView(p), application: body.application, decision: body.decision };
  }

  private async proposalView(p: AutoGrantProposalDoc) {
    const decisionId = await this.grantedDecision(p);
    return {
      id: p._id, program: p.program, beneficiary: p.beneficiary, asOf: p.asOf, run: p.run, estimatedAmount: p.estimatedAmount, sources: p.sources, createdAt: p.createdAt.toISOString(),
      decisionId,
    };
  }

  /** The decision a grant was submitted for: its application is the client's filing for the firm or the one its key names. */
  private async grantedDecision(p: AutoGrantProposalDoc): Promise<string | null> {
    for (const applicationId of [filingId(AUTO_GRANT_CLIENT, p.beneficiary.uscc), keyedApplicationId(AUTO_GRANT_CLIENT, p._id)]) {
      const application = await this.stores.applications.get(applicationId);
      if (application?.idempotencyKey !== p._id) continue;
      const decision = await this.stores.decisions.get(decisionIdFor(applicationId));
      if (decision) return decision._id;
    }
    return null;
  }
}
