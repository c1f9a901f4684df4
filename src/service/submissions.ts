import { randomUUID } from 'node:crypto';
import { Adjudicator, type ApplicationInputs } from '../adjudication/adjudicator';
import type { CapLedgers } from '../adjudication/ledgers';
import { toDecimal, toFen } from '../money/decimal';
import type { ProgramCatalog } from '../rules/catalog';
import { canonicalJson, sha256 } from '../rules/content-hash';
import { isDuplicateKey } from '../store/database';
import type { ApplicationDoc, DecisionDoc, Models } from '../store/models';
import type { MongoLedgers } from '../store/mongo-ledgers';
import { idempotencyConflict, idempotencyMismatch, unprocessable } from './errors';
import { applicationResource, decisionIdFor, decisionResource, topUpDecisionId } from './resources';

export interface SubmissionBody {
  program: string;
  beneficiary: ApplicationInputs['beneficiary'];
  applicationDate?: string;
  facts: Record<string, unknown>;
}

export interface Reply {
  status: number;
  body: unknown;
  replayed?: boolean;
}

/** How long a request still in flight blocks a retry before the retry takes it over. */
const IN_FLIGHT_LEASE_MS = 30_000;

/**
 * Accepts an application and decides it. Every step is idempotent, so a retry, a concurrent
 * duplicate or the recovery after a crash converges on one application and one decision:
 * a pending marker is written first and removed last; the decision's id derives from the
 * application's; cap reservations are keyed by the decision.
 */
export class Submissions {
  private readonly adjudicator: Adjudicator;

  constructor(
    private readonly models: Models,
    private readonly catalog: ProgramCatalog,
    private readonly ledgers: MongoLedgers,
    private readonly today: () => string,
  ) {
    this.adjudicator = new Adjudicator(catalog, catalog.facts);
  }

  checkProgram(body: { program: string; beneficiary: { jurisdiction: string } }): void {
    const program = this.catalog.get(body.program);
    if (!program) throw unprocessable(`no program ${body.program}`, [{ pointer: '/program', detail: 'is not a known program' }]);
    if (program.pack.status === 'draft') throw unprocessable(`${body.program} is a draft program`, [{ pointer: '/program', detail: 'is a draft: it can be simulated, not applied for' }]);
    if (!this.catalog.jurisdictions.has(body.beneficiary.jurisdiction)) {
      throw unprocessable('unknown jurisdiction', [{ pointer: '/beneficiary/jurisdiction', detail: 'is not a known jurisdiction code' }]);
    }
    if (!this.catalog.appliesIn(program, body.beneficiary.jurisdiction)) {
      throw unprocessable(`${body.program} does not apply in ${body.beneficiary.jurisdiction}`, [{ pointer: '/beneficiary/jurisdiction', detail: `is outside ${program.pack.jurisdiction}, where ${body.program} applies` }]);
    }
  }

  async submit(body: SubmissionBody, client: string, idempotencyKey?: string): Promise<Reply> {
    this.checkProgram(body);
    const requestHash = sha256(canonicalJson(body));
    let applicationId = `app_${randomUUID()}`;
    const recordId = idempotencyKey === undefined ? undefined : `${client}:${idempotencyKey}`;
    if (recordId) {
      try {
        await this.models.idempotency.create({ _id: recordId, requestHash, applicationId, state: 'in-flight', createdAt: new Date() });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        const record = await this.models.idempotency.findById(recordId).lean();
        if (!record) throw e;
        if (record.requestHash !== requestHash) throw idempotencyMismatch('this Idempotency-Key was first used with a different request body');
        if (record.state === 'done') return { ...(await this.replay(record.applicationId)), replayed: true };
        if (Date.now() - record.createdAt.getTime() < IN_FLIGHT_LEASE_MS) throw idempotencyConflict('retry when the first request has completed');
        applicationId = record.applicationId; // the first attempt died: finish its work
      }
    }
    const reply = await this.process(applicationId, body, client, requestHash);
    // The record stays small (FerretDB reads a collection in full to find an _id); a replay
    // rebuilds the answer from the stored application and decisions, which never change.
    if (recordId) await this.models.idempotency.updateOne({ _id: recordId }, { $set: { state: 'done' } });
    return reply;
  }

  private async process(applicationId: string, body: SubmissionBody, client: string, requestHash: string): Promise<Reply> {
    await insertOnce(this.models.pending, { _id: applicationId, since: new Date() });
    const built: ApplicationDoc = {
      _id: applicationId,
      program: body.program,
      beneficiary: body.beneficiary,
      applicationDate: body.applicationDate ?? this.today(),
      facts: body.facts,
      requestHash,
      client,
      receivedAt: new Date(),
    };
    const inserted = await insertOnce(this.models.applications, built);
    const application = inserted ? built : (await this.models.applications.findById(applicationId).lean())!;
    // a new application's decisions are new holders: no earlier reservation to look for
    const { decision, topUps } = await this.decide(application, inserted);
    await this.models.pending.deleteOne({ _id: applicationId });
    return answer(application, decision, topUps);
  }

  private async replay(applicationId: string): Promise<Reply> {
    const application = (await this.models.applications.findById(applicationId).lean())!;
    const decision = (await this.models.decisions.findById(decisionIdFor(applicationId)).lean())!;
    const topUps = await Promise.all(decision.topUps.map(async (id) => (await this.models.decisions.findById(id).lean())!));
    return answer(application, decision, topUps);
  }

  /**
   * Decides a stored application, with the top-ups that apply to it as decisions of their own;
   * the top-ups are written first and the base decision last. Deciding again (a retry, a
   * recovery) is harmless: reservations are found by their holder, and a decision already
   * written wins over the new one. Nothing is looked up first, because on FerretDB finding a
   * missing _id reads the whole collection.
   */
  async decide(application: ApplicationDoc, fresh = false): Promise<{ decision: DecisionDoc; topUps: DecisionDoc[] }> {
    const decisionId = decisionIdFor(application._id);
    const ledgers = fresh ? this.ledgers.forNewHolder(decisionId) : this.ledgers;
    const program = this.catalog.get(application.program)!;
    const topUpPrograms = this.catalog.topUpsOf(program, application.beneficiary.jurisdiction);
    const topUpIds = topUpPrograms.map((t) => topUpDecisionId(decisionId, t.key));
    const topUps: DecisionDoc[] = [];
    for (const [i, topUp] of topUpPrograms.entries()) {
      topUps.push(await this.decideOne(application, topUp.key, topUpIds[i]!, decisionId, [], ledgers));
    }
    return { decision: await this.decideOne(application, application.program, decisionId, null, topUpIds, ledgers), topUps };
  }

  private async decideOne(application: ApplicationDoc, program: string, id: string, topUpOf: string | null, topUps: string[], ledgers: CapLedgers): Promise<DecisionDoc> {
    const explanation = await this.adjudicator.decide({ ...inputsOf(application), program }, { ledgers, holder: id });
    const doc: DecisionDoc = {
      _id: id,
      applicationId: application._id,
      program,
      beneficiaryUscc: application.beneficiary.uscc,
      beneficiaryJurisdiction: application.beneficiary.jurisdiction,
      client: application.client,
      outcome: explanation.outcome,
      amountFen: explanation.amount === null ? null : toFen(toDecimal(explanation.amount)!),
      ruleHash: explanation.version?.ruleHash ?? null,
      topUpOf,
      topUps,
      explanation: explanation as unknown as Record<string, unknown>,
      decidedAt: new Date(),
    };
    return (await insertOnce(this.models.decisions, doc)) ? doc : (await this.models.decisions.findById(id).lean())!;
  }

  /** Completes applications a crash left without a decision. */
  async recover(): Promise<number> {
    let done = 0;
    for (const p of await this.models.pending.find().lean()) {
      const application = await this.models.applications.findById(p._id).lean();
      if (application) {
        await this.decide(application);
        done++;
      }
      await this.models.pending.deleteOne({ _id: p._id });
    }
    return done;
  }
}

export function inputsOf(application: ApplicationDoc): ApplicationInputs {
  return { program: application.program, beneficiary: application.beneficiary, applicationDate: application.applicationDate, facts: application.facts };
}

/** Inserts a document; false when it was there already (a retry or a recovery). */
async function insertOnce<T>(model: { create(doc: T): Promise<unknown> }, doc: T): Promise<boolean> {
  try {
    await model.create(doc);
    return true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return false;
  }
}

function answer(application: ApplicationDoc, decision: DecisionDoc, topUps: DecisionDoc[]): Reply {
  return {
    status: 201,
    body: { application: applicationResource(application, decision._id, decision.topUps), decision: decisionResource(decision), topUps: topUps.map(decisionResource) },
  };
}

