import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { Adjudicator, type ApplicationInputs } from '../adjudication/adjudicator';
import type { CapLedgers } from '../adjudication/ledgers';
import { AmountOutOfRangeError, toDecimal, toFen } from '../money/decimal';
import type { ProgramCatalog } from '../rules/catalog';
import { canonicalJson, sha256 } from '../rules/content-hash';
import type { ApplicationDoc, DecisionDoc } from '../store/models';
import type { Repositories, Slot } from '../store/repositories';
import { applicationDateOf } from './application-dates';
import { AttemptLedgers } from './attempt-ledgers';
import { idempotencyConflict, idempotencyMismatch, unprocessable } from './errors';
import { checkPlaceFacts, knownJurisdiction } from './jurisdiction-views';
import { combinedShares } from './top-up-shares';
import { applicationResource, decisionIdFor, decisionResource, topUpDecisionId } from './resources';
import { checkLocalRegistration, registrationMarks } from './registration-marks';
import { setAside } from './set-aside';
import type { WritingLedgers } from './ledger-rooms';
import type { InputProvenance } from '../adjudication/provenance';
import { factsWithProfile, type ProfileReader } from '../profiles/merge';

/** An application as submitted (schemas/application.schema.json); facts wider: read by name, as a map. */
export type SubmissionBody = Omit<import('../schema-types/application').Application, 'facts'> & { facts: Record<string, unknown> };

/** An application accepted and decided (or the replay of one): the answer, not how it is sent. */
export interface Submitted {
  body: { application: ReturnType<typeof applicationResource>; decision: ReturnType<typeof decisionResource>; topUps: ReturnType<typeof decisionResource>[]; combined?: unknown };
  /** The answer repeats an earlier submission with the same Idempotency-Key. */
  replayed?: boolean;
}

/** How long a request still in flight blocks a retry before the retry takes it over. */
const IN_FLIGHT_LEASE_MS = 30_000;
/** How many filings a process remembers (each saves a duplicate insert of a firm's filing). */
const FILINGS_REMEMBERED = 100_000;
/** A filing known to be made without an Idempotency-Key, or with one not read yet. */
const NO_KEY = '\u0000none';
const UNKNOWN_KEY = '\u0000unknown';

/** The stores a submission writes: applications, decisions, pending markers, set-aside records. */
export type SubmissionStores = Pick<Repositories, 'applications' | 'decisions' | 'pending' | 'setAside'>;

/** A request's submission slot, and the application ids its pending marker names. */
interface Attempt {
  slot: Slot;
  named: string[];
}

/** Points the attempt's pending marker at an application too, unless it names it already. */
async function name(attempt: Attempt, applicationId: string): Promise<void> {
  if (attempt.named.includes(applicationId)) return;
  attempt.named = [...attempt.named, applicationId];
  await attempt.slot.point(attempt.named);
}

/** Writes a further record for decisions just stored (see Submissions.recordDecided); idempotent. */
export type DecisionRecorder = (application: ApplicationDoc, decisions: DecisionDoc[]) => Promise<void>;

/**
 * Accepts an application and decides it. Every step is idempotent, so a retry, a concurrent
 * duplicate or the recovery after a crash converges on one application and one decision. The
 * writes of a submission for a new firm, in order: the application (its unique insert is also
 * the Idempotency-Key's claim and the client's filing for the firm), the pending marker of the
 * process's submission slot, one journal entry per ledger taken from, the decisions (one
 * insert), then any per-decision records (recordDecided). The decision's id derives from the
 * application's; cap reservations are keyed by the decision.
 */
export class Submissions {
  private readonly adjudicator: Adjudicator;
  /** Enterprise profiles an application may refer to (set by the runtime). */
  profiles?: ProfileReader;

  /** Firms this process knows a filing for, with the Idempotency-Key it was filed with. */
  private readonly filed = new Map<string, string>();
  private readonly recorders: DecisionRecorder[];

  constructor(
    private readonly stores: SubmissionStores,
    private readonly catalog: ProgramCatalog,
    private readonly ledgers: WritingLedgers,
    private readonly today: () => string,
    private readonly logger: Logger = pino({ level: 'silent' }),
    options: { recorders?: DecisionRecorder[] } = {},
  ) {
    this.adjudicator = new Adjudicator(catalog, catalog.facts);
    this.recorders = options.recorders ?? [];
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
    const provenance: InputProvenance | undefined = resolved?.provenance;
    const build = (id: string): ApplicationDoc => ({
      _id: id,
      program: body.program,
      beneficiary: body.beneficiary,
      applicationDate,
      facts: resolved ? resolved.facts : body.facts,
      requestHash,
      client,
      receivedAt: new Date(),
      ...(body.backfileReason !== undefined ? { backfiled: { by: client, reason: body.backfileReason } } : {}),
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      ...(provenance ? { provenance } : {}),
    });
    // The first application a client files for a firm is stored under the filing's id: that it
    // exists is what lets the client's eligibility checks see the firm's caps (no other record).
    // Any later one with an Idempotency-Key under an id derived from the key, so the unique
    // insert of the application is the key's claim (a retry, even in another process, finds it).
    const filing = filingId(client, body.beneficiary.uscc);
    const filedBy = this.filed.get(filing);
    const own = idempotencyKey === undefined ? `app_${randomUUID()}` : keyedApplicationId(client, idempotencyKey);
    // Before anything is stored, the slot's pending marker names every id the application may get.
    const named = filedBy === undefined ? [filing, own] : [own];
    const slot = await this.stores.pending.hold(named);
    try {
      return await this.claim(build, { filing, filedBy, own, idempotencyKey, requestHash }, { slot, named });
    } finally {
      slot.release(); // unless kept for recovery
    }
  }

  private async claim(
    build: (id: string) => ApplicationDoc,
    ids: { filing: string; filedBy: string | undefined; own: string; idempotencyKey: string | undefined; requestHash: string },
    attempt: Attempt,
  ): Promise<Submitted> {
    const { applications } = this.stores;
    const { filing, filedBy, own, idempotencyKey, requestHash } = ids;
    if (filedBy === undefined) {
      const doc = build(filing);
      if (await applications.insertOnce(doc)) {
        this.rememberFiling(filing, idempotencyKey ?? NO_KEY);
        return this.run(doc, true, attempt);
      }
      const earlier = idempotencyKey === undefined ? undefined : await applications.get(filing);
      this.rememberFiling(filing, earlier ? (earlier.idempotencyKey ?? NO_KEY) : UNKNOWN_KEY);
      if (earlier && earlier.idempotencyKey === idempotencyKey) return this.resume(earlier, requestHash, build, attempt);
    } else if (idempotencyKey !== undefined && (filedBy === idempotencyKey || filedBy === UNKNOWN_KEY)) {
      const earlier = await applications.get(filing);
      if (earlier?.idempotencyKey === idempotencyKey) return this.resume(earlier, requestHash, build, attempt);
    }
    const doc = build(own);
    if (await applications.insertOnce(doc)) return this.run(doc, true, attempt);
    if (idempotencyKey === undefined) throw new Error(`application id ${own} taken`); // a random UUID: never
    return this.resume((await applications.get(own))!, requestHash, build, attempt);
  }

  /**
   * A request repeating an Idempotency-Key whose application `found` exists: a different body is
   * refused; a decided one is replayed; one still in flight (younger than the lease) answers
   * 409; one whose attempt died is finished; one set aside (its client was told it failed) is
   * retried as a new attempt whose id every concurrent retry derives alike.
   */
  private async resume(found: ApplicationDoc, requestHash: string, build: (id: string) => ApplicationDoc, attempt: Attempt): Promise<Submitted> {
    if (found.requestHash !== requestHash) throw idempotencyMismatch('this Idempotency-Key was first used with a different request body');
    for (let application = found; ; ) {
      const decision = await this.stores.decisions.get(decisionIdFor(application._id));
      if (decision) return { ...(await this.replay(application, decision)), replayed: true };
      if (!(await this.stores.setAside.has(application._id))) {
        if (Date.now() - application.receivedAt.getTime() < IN_FLIGHT_LEASE_MS) throw idempotencyConflict('retry when the first request has completed');
        await name(attempt, application._id);
        return this.run(application, false, attempt); // the first attempt died: finish its work
      }
      const next = build(nextAttemptId(application._id));
      await name(attempt, next._id);
      if (await this.stores.applications.insertOnce(next)) return this.run(next, true, attempt);
      application = (await this.stores.applications.get(next._id))!;
    }
  }

  private rememberFiling(filing: string, key: string): void {
    if (this.filed.size >= FILINGS_REMEMBERED) this.filed.delete(this.filed.keys().next().value!);
    this.filed.set(filing, key);
  }

  /**
   * Decides a stored application. Its slot's pending marker named it before it was stored, so
   * a crash from there on is completed by recovery. If anything fails, the
   * application is set aside before the error reaches the client: the client is told it failed,
   * so nothing may remain that a recovery or a retry could later pay. `created`: this request
   * stored the application, so nothing can have taken room for its decisions before.
   */
  private async run(application: ApplicationDoc, created: boolean, { slot }: Attempt): Promise<Submitted> {
    const ledgers = new AttemptLedgers(this.ledgers, created ? decisionIdFor(application._id) : undefined);
    const writtenDecisions: string[] = [];
    try {
      const { decision, topUps } = await this.decide(application, ledgers, writtenDecisions);
      return answer(this.catalog, application, decision, topUps);
    } catch (e) {
      try {
        await setAside(this.stores, this.logger, application, 'submission', e, { ledgers, writtenDecisions });
      } catch (err) {
        // the marker stays (its slot unused): recovery at the next start completes the work
        slot.keep();
        this.logger.error({ applicationId: application._id, err }, 'setting a failed application aside failed');
      }
      if (e instanceof AmountOutOfRangeError) throw unprocessable(`the computed ${e.message}`, [{ pointer: '/facts', detail: 'give amounts a subsidy can be computed from' }]);
      throw e;
    }
  }

  private async replay(application: ApplicationDoc, decision: DecisionDoc): Promise<Submitted> {
    return answer(this.catalog, application, decision, await this.stores.decisions.getAll(decision.topUps));
  }

  /**
   * Decides a stored application, with the top-ups that apply to it as decisions of their own;
   * the top-ups are written first and the base decision last (one command when none exists
   * yet). Deciding again (a retry, a recovery) is harmless: reservations are found by their
   * holder, and a decision already written wins over the new one. Nothing is looked up first,
   * because on FerretDB finding a missing _id reads the whole collection.
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
    const { stored, written: mine } = await this.stores.decisions.insertAllOnce(planned);
    written.push(...mine);
    await this.recordDecided(application, stored);
    return { decision: stored.at(-1)!, topUps: stored.slice(0, -1) };
  }

  /**
   * THE place for further per-decision records (read models, audit entries, notifications):
   * run after an application's decisions are stored, in order, each keyed by the decision so
   * that writing it again is harmless — recovery runs them again for an application whose
   * decisions a crash left without them. A recorder that fails fails the submission (its
   * application is set aside and the decisions it wrote removed).
   */
  private async recordDecided(application: ApplicationDoc, decisions: DecisionDoc[]): Promise<void> {
    for (const record of this.recorders) await record(application, decisions);
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
   * Completes applications a crash left without a decision (those the pending markers name). One
   * whose deciding fails is set aside (recorded for administrators, logged) and never blocks the
   * start; one already set aside (its client was told it failed) is not decided; one decided
   * gets its per-decision records written again (idempotent).
   */
  async recover(): Promise<{ recovered: number; setAside: number }> {
    let recovered = 0;
    let failed = 0;
    for (const marker of await this.stores.pending.all()) {
      for (const applicationId of marker.applicationIds) {
        const application = await this.stores.applications.get(applicationId);
        if (!application || (await this.stores.setAside.has(application._id))) continue;
        const decision = await this.stores.decisions.get(decisionIdFor(application._id));
        if (decision) {
          await this.recordDecided(application, [...(await this.stores.decisions.getAll(decision.topUps)), decision]);
          continue;
        }
        const ledgers = new AttemptLedgers(this.ledgers);
        const written: string[] = [];
        try {
          await this.decide(application, ledgers, written);
          recovered++;
        } catch (e) {
          await setAside(this.stores, this.logger, application, 'recovery', e, { ledgers, writtenDecisions: written });
          failed++;
        }
      }
      await this.stores.pending.remove(marker.id);
    }
    return { recovered, setAside: failed };
  }

  /** A clean stop: removes the pending markers of this process's idle submission slots. */
  async close(): Promise<void> {
    await this.stores.pending.clearIdle();
  }
}

export function inputsOf(application: ApplicationDoc): ApplicationInputs {
  return { program: application.program, beneficiary: application.beneficiary, applicationDate: application.applicationDate, facts: application.facts, ...(application.provenance ? { provenance: application.provenance } : {}) };
}


/** The id of the first application `client` files for the beneficiary `uscc`: it stands for that filing. */
export function filingId(client: string, uscc: string): string {
  return hashedApplicationId(`filing|${client}|${uscc}`);
}

/** The id of an application sent with an Idempotency-Key (not the first for its firm). */
export function keyedApplicationId(client: string, idempotencyKey: string): string {
  return hashedApplicationId(`key|${client}|${idempotencyKey}`);
}

/** The application id of the next attempt after a failed one: the same for every retry. */
export function nextAttemptId(failedId: string): string {
  return hashedApplicationId(`${failedId}:next-attempt`);
}

function hashedApplicationId(text: string): string {
  const h = sha256(text).replace(/^sha256:/, '');
  return `app_${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function answer(catalog: ProgramCatalog, application: ApplicationDoc, decision: DecisionDoc, topUps: DecisionDoc[]): Submitted {
  const combined = combinedShares(catalog, decision, topUps);
  return {
    body: { application: applicationResource(application, decision._id, decision.topUps), decision: decisionResource(decision), topUps: topUps.map(decisionResource), ...(combined ? { combined } : {}) },
  };
}

