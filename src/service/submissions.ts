import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { Adjudicator, type ApplicationInputs } from '../adjudication/adjudicator';
import type { CapLedgers, LedgerTakeResult } from '../adjudication/ledgers';
import { AmountOutOfRangeError, toDecimal, toFen } from '../money/decimal';
import type { ProgramCatalog } from '../rules/catalog';
import { canonicalJson, sha256 } from '../rules/content-hash';
import { isDuplicateKey } from '../store/database';
import { insertOnce } from '../store/repositories';
import type { ApplicationDoc, DecisionDoc, Models } from '../store/models';
import { applicationDateOf } from './application-dates';
import { AttemptLedgers } from './attempt-ledgers';
import { idempotencyConflict, idempotencyMismatch, unprocessable } from './errors';
import { checkPlaceFacts, knownJurisdiction } from './jurisdiction-views';
import { combinedShares } from './top-up-shares';
import { applicationResource, decisionIdFor, decisionResource, topUpDecisionId } from './resources';
import { checkLocalRegistration, registrationMarks } from './registration-marks';
import { isSetAside, setAside } from './set-aside';
import type { InputProvenance } from '../adjudication/provenance';
import { factsWithProfile, type ProfileReader } from '../profiles/merge';

export interface SubmissionBody {
  program: string;
  beneficiary: ApplicationInputs['beneficiary'];
  applicationDate?: string;
  /** Policy staff or an administrator back-filing an earlier application date, and why. */
  backfileReason?: string;
  facts: Record<string, unknown>;
  /** Refers to the beneficiary's enterprise profile (as of a date, default the application date) for the facts it does not state. */
  profile?: { asOf?: string };
}

/** An application accepted and decided (or the replay of one): the answer, not how it is sent. */
export interface Submitted {
  body: { application: ReturnType<typeof applicationResource>; decision: ReturnType<typeof decisionResource>; topUps: ReturnType<typeof decisionResource>[]; combined?: unknown };
  /** The answer repeats an earlier submission with the same Idempotency-Key. */
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
  /** Enterprise profiles an application may refer to (set by the runtime). */
  profiles?: ProfileReader;

  constructor(
    private readonly models: Models,
    private readonly catalog: ProgramCatalog,
    private readonly ledgers: CapLedgers & { held(ledger: string, holder: string): Promise<LedgerTakeResult | undefined> },
    private readonly today: () => string,
    private readonly logger: Logger = pino({ level: 'silent' }),
  ) {
    this.adjudicator = new Adjudicator(catalog, catalog.facts);
  }

  checkProgram(body: { program: string; beneficiary: { jurisdiction: string } }): void {
    const program = this.catalog.get(body.program);
    if (!program) throw unprocessable(`no program ${body.program}`, [{ pointer: '/program', detail: 'is not a known program' }]);
    if (program.pack.status === 'draft') throw unprocessable(`${body.program} is a draft program`, [{ pointer: '/program', detail: 'is a draft: it can be simulated, not applied for' }]);
    // A top-up is decided only with its base decision, once per base decision (its id derives from the base's)
    if (program.pack.topUpOf !== undefined) {
      throw unprocessable(`${body.program} tops up ${program.pack.topUpOf}: submit the application to ${program.pack.topUpOf}, and the top-up is decided with it`, [
        { pointer: '/program', detail: `is a top-up of ${program.pack.topUpOf}; submit to ${program.pack.topUpOf}` },
      ]);
    }
    knownJurisdiction(this.catalog, body.beneficiary.jurisdiction, '/beneficiary/jurisdiction');
    if (!this.catalog.appliesIn(program, body.beneficiary.jurisdiction)) {
      throw unprocessable(`${body.program} does not apply in ${body.beneficiary.jurisdiction}`, [{ pointer: '/beneficiary/jurisdiction', detail: `is outside ${program.pack.jurisdiction}, where ${body.program} applies` }]);
    }
  }

  /** The program and its top-ups refuse a beneficiary registered elsewhere if they require local registration. */
  private checkRegistration(body: { program: string; beneficiary: { uscc: string; jurisdiction: string } }): void {
    const program = this.catalog.get(body.program)!;
    checkLocalRegistration([program, ...this.catalog.topUpsOf(program, body.beneficiary.jurisdiction)], body.beneficiary);
  }

  async submit(body: SubmissionBody, client: string, idempotencyKey?: string, options: { mayBackfile?: boolean } = {}): Promise<Submitted> {
    this.checkProgram(body);
    this.checkRegistration(body);
    const applicationDate = applicationDateOf(body, this.today(), options.mayBackfile === true, this.catalog.facts);
    checkPlaceFacts(this.catalog, body.facts);
    const requestHash = sha256(canonicalJson(body));
    // the profile is read once, before anything is stored; its facts and their origins are stored with the application
    const resolved = body.profile ? await factsWithProfile(this.profiles, body.beneficiary, body.facts, body.profile.asOf, applicationDate) : undefined;
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
        if (record.state === 'in-flight' && Date.now() - record.createdAt.getTime() < IN_FLIGHT_LEASE_MS) throw idempotencyConflict('retry when the first request has completed');
        applicationId = record.applicationId; // the first attempt died: finish its work
        if (record.state === 'failed' || (await isSetAside(this.models, applicationId))) {
          // The first attempt failed and was answered so: this retry is a new attempt. Every
          // concurrent retry derives the same next id, so they converge on one application.
          applicationId = nextAttemptId(applicationId);
          await this.models.idempotency.updateOne({ _id: recordId }, { $set: { applicationId, state: 'in-flight', createdAt: new Date() } });
        }
      }
    }
    let reply: Submitted;
    try {
      reply = await this.process(applicationId, resolved ? { ...body, facts: resolved.facts } : body, applicationDate, client, requestHash, resolved?.provenance);
    } catch (e) {
      if (recordId) await this.models.idempotency.updateOne({ _id: recordId, applicationId }, { $set: { state: 'failed' } }).catch(() => undefined);
      if (e instanceof AmountOutOfRangeError) throw unprocessable(`the computed ${e.message}`, [{ pointer: '/facts', detail: 'give amounts a subsidy can be computed from' }]);
      throw e;
    }
    // The record stays small (FerretDB reads a collection in full to find an _id); a replay
    // rebuilds the answer from the stored application and decisions, which never change.
    if (recordId) await this.models.idempotency.updateOne({ _id: recordId }, { $set: { state: 'done' } });
    return reply;
  }

  /**
   * Stores and decides an application. If anything fails after the pending marker is written,
   * the application is set aside before the error reaches the client: the client is told it
   * failed, so nothing may remain that a recovery or a retry could later pay.
   */
  private async process(applicationId: string, body: SubmissionBody, applicationDate: string, client: string, requestHash: string, provenance?: InputProvenance): Promise<Submitted> {
    await insertOnce(this.models.pending, { _id: applicationId, since: new Date() });
    const built: ApplicationDoc = {
      _id: applicationId,
      program: body.program,
      beneficiary: body.beneficiary,
      applicationDate,
      facts: body.facts,
      requestHash,
      client,
      receivedAt: new Date(),
      ...(body.backfileReason !== undefined ? { backfiled: { by: client, reason: body.backfileReason } } : {}),
      ...(provenance ? { provenance } : {}),
    };
    const ledgers = new AttemptLedgers(this.ledgers);
    const writtenDecisions: string[] = [];
    try {
      const inserted = await insertOnce(this.models.applications, built);
      // which firms this key files for: what its eligibility checks may see of their caps
      if (inserted) await insertOnce(this.models.filings, { _id: filingId(client, body.beneficiary.uscc), at: new Date() });
      const application = inserted ? built : (await this.models.applications.findById(applicationId).lean())!;
      const { decision, topUps } = await this.decide(application, ledgers, writtenDecisions);
      await this.models.pending.deleteOne({ _id: applicationId });
      return answer(this.catalog, application, decision, topUps);
    } catch (e) {
      await setAside(this.models, this.logger, built, 'submission', e, { ledgers, writtenDecisions }).catch((err: unknown) => {
        this.logger.error({ applicationId, err }, 'setting a failed application aside failed');
      });
      throw e;
    }
  }

  private async replay(applicationId: string): Promise<Submitted> {
    const application = (await this.models.applications.findById(applicationId).lean())!;
    const decision = (await this.models.decisions.findById(decisionIdFor(applicationId)).lean())!;
    const topUps = await Promise.all(decision.topUps.map(async (id) => (await this.models.decisions.findById(id).lean())!));
    return answer(this.catalog, application, decision, topUps);
  }

  /**
   * Decides a stored application, with the top-ups that apply to it as decisions of their own;
   * the top-ups are written first and the base decision last. Deciding again (a retry, a
   * recovery) is harmless: reservations are found by their holder, and a decision already
   * written wins over the new one. Nothing is looked up first, because on FerretDB finding a
   * missing _id reads the whole collection.
   */
  async decide(application: ApplicationDoc, ledgers: CapLedgers = this.ledgers, written: string[] = []): Promise<{ decision: DecisionDoc; topUps: DecisionDoc[] }> {
    const decisionId = decisionIdFor(application._id);
    const program = this.catalog.get(application.program)!;
    const topUpPrograms = this.catalog.topUpsOf(program, application.beneficiary.jurisdiction);
    const topUpIds = topUpPrograms.map((t) => topUpDecisionId(decisionId, t.key));
    // Every program is decided before any decision is written: a failure leaves no decision.
    const planned: DecisionDoc[] = [];
    for (const [i, topUp] of topUpPrograms.entries()) planned.push(await this.decideOne(application, topUp.key, topUpIds[i]!, decisionId, [], ledgers));
    planned.push(await this.decideOne(application, application.program, decisionId, null, topUpIds, ledgers));
    const stored: DecisionDoc[] = [];
    for (const doc of planned) {
      if (await insertOnce(this.models.decisions, doc)) {
        written.push(doc._id);
        stored.push(doc);
      } else stored.push((await this.models.decisions.findById(doc._id).lean())!);
    }
    return { decision: stored.at(-1)!, topUps: stored.slice(0, -1) };
  }

  private async decideOne(application: ApplicationDoc, program: string, id: string, topUpOf: string | null, topUps: string[], ledgers: CapLedgers): Promise<DecisionDoc> {
    const explanation = await this.adjudicator.decide({ ...inputsOf(application), program }, { ledgers, holder: id });
    return {
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
      marks: registrationMarks(application.beneficiary),
      decidedAt: new Date(),
    };
  }

  /**
   * Completes applications a crash left without a decision. One whose deciding fails is set
   * aside (recorded for administrators, logged) and never blocks the start; one already set
   * aside (its client was told it failed) is not decided.
   */
  async recover(): Promise<{ recovered: number; setAside: number }> {
    let recovered = 0;
    let failed = 0;
    for (const p of await this.models.pending.find().lean()) {
      const application = await this.models.applications.findById(p._id).lean();
      if (application && !(await isSetAside(this.models, application._id))) {
        const ledgers = new AttemptLedgers(this.ledgers);
        const written: string[] = [];
        try {
          await this.decide(application, ledgers, written);
          recovered++;
        } catch (e) {
          await setAside(this.models, this.logger, application, 'recovery', e, { ledgers, writtenDecisions: written });
          failed++;
          continue;
        }
      }
      await this.models.pending.deleteOne({ _id: p._id });
    }
    return { recovered, setAside: failed };
  }
}

export function inputsOf(application: ApplicationDoc): ApplicationInputs {
  return { program: application.program, beneficiary: application.beneficiary, applicationDate: application.applicationDate, facts: application.facts, ...(application.provenance ? { provenance: application.provenance } : {}) };
}


/** The record that `client` has filed for the beneficiary `uscc`. */
export function filingId(client: string, uscc: string): string {
  return `${client}|${uscc}`;
}

/** The application id of the next attempt after a failed one: the same for every retry. */
export function nextAttemptId(failedId: string): string {
  const h = sha256(`${failedId}:next-attempt`).replace(/^sha256:/, '');
  return `app_${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function answer(catalog: ProgramCatalog, application: ApplicationDoc, decision: DecisionDoc, topUps: DecisionDoc[]): Submitted {
  const combined = combinedShares(catalog, decision, topUps);
  return {
    body: { application: applicationResource(application, decision._id, decision.topUps), decision: decisionResource(decision), topUps: topUps.map(decisionResource), ...(combined ? { combined } : {}) },
  };
}

