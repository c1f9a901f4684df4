import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { inScope, type ApiKeyRecord } from '../access/api-keys';
import type { CatalogSource } from '../rules/catalog';
import { ReadsCatalogInForce } from '../rules/catalog-in-force';
import type { Program } from '../rules/compiled';
import { budgetLedgers, type LedgerTotals } from '../statistics/budgets';
import type { RecordSource } from '../statistics/statistics';
import type { DecisionRecord } from '../store/decision-log';
import type { WarningAckDoc, WarningDoc, WarningStore } from '../store/warning-store';
import { bankLossRatioWarning, budgetWarning, BurstWatch, lifetimeCaps, lifetimeCapWarnings, versionOf, type ApplicationFacts, type WarningDraft } from './checks';
import type { WarningRules } from './rules';

const NO_FACTS: ApplicationFacts = { facts: {}, applicationDate: '', beneficiary: { jurisdiction: '' } };

export const WARNING_KINDS = ['budget-use', 'bank-loss-ratio', 'lifetime-cap', 'application-burst'] as const;

/** A warning's id: derived from its condition, so the same condition raises one warning, in any process. */
export function warningId(key: string): string {
  return `wrn_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

export function warningView(w: WarningDoc, acks: WarningAckDoc[]) {
  return {
    id: w._id,
    kind: w.kind,
    program: w.program,
    jurisdiction: w.jurisdiction,
    subject: w.subject,
    threshold: w.threshold,
    figures: w.figures,
    message: w.message,
    ref: w.ref,
    decisionId: w.decisionId,
    raisedAt: new Date(w.raisedAt).toISOString(),
    acknowledged: acks.length > 0,
    acknowledgements: acks.map(ackView),
  };
}

export function ackView(a: WarningAckDoc) {
  return { id: a._id, warningId: a.warningId, by: a.by, at: new Date(a.at).toISOString(), note: a.note };
}

/**
 * Risk warnings (风险预警), thresholds from rules/warnings.json: evaluated after each decision
 * the log hands over (this process's and, once caught up, other processes'), and on request.
 * A warning is stored once per condition (a unique insert); `onRaised` listeners hear of each
 * warning this process raised (the webhook module subscribes there).
 */
export class Warnings extends ReadsCatalogInForce {
  private readonly bursts: BurstWatch;
  private readonly listeners: ((w: WarningDoc) => void | Promise<void>)[] = [];
  private chain: Promise<void> = Promise.resolve();
  /** Budgets touched by recent decisions, checked together at most once per `budgetDelayMs`. */
  private readonly budgetsDue = new Map<string, Set<string>>();
  private budgetTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rules: WarningRules,
    catalog: CatalogSource,
    private readonly log: RecordSource,
    private readonly ledgers: LedgerTotals,
    private readonly store: WarningStore,
    private readonly application: (id: string) => Promise<ApplicationFacts | undefined>,
    private readonly today: () => string,
    private readonly logger?: Logger,
    private readonly now: () => Date = () => new Date(),
    private readonly budgetDelayMs = 1000,
  ) {
    super(catalog);
    this.bursts = new BurstWatch(rules);
    // decisions already logged count towards bursts, but raise nothing now
    for (const r of log.records()) this.bursts.add(r);
    // evaluated after the request that made the decisions has been answered (a macrotask later):
    // monitoring never adds to a submission's own work
    log.onRecords((records) => {
      this.chain = this.chain
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(async () => void (await this.afterDecisions(records)))
        .catch((e: unknown) => this.logger?.error({ err: e }, 'risk warnings: evaluation failed'));
    });
  }

  /** Calls `listener` with each warning this process raises (not with one raised before). */
  onRaised(listener: (w: WarningDoc) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Resolves when the evaluations of decisions handed over so far are done (budgets due are checked now). */
  idle(): Promise<void> {
    if (this.budgetsDue.size > 0) this.checkBudgetsDue();
    return this.chain;
  }

  private checkBudgetsDue(): void {
    clearTimeout(this.budgetTimer);
    this.budgetTimer = undefined;
    const due = [...this.budgetsDue];
    this.budgetsDue.clear();
    this.chain = this.chain
      .then(async () => {
        const drafts: WarningDraft[] = [];
        for (const [program, years] of due) drafts.push(...(await this.budgetChecks([this.catalog.get(program)!].filter(Boolean), [...years])));
        await this.raise(drafts);
      })
      .catch((e: unknown) => this.logger?.error({ err: e }, 'risk warnings: budget evaluation failed'));
  }

  /**
   * The checks for decisions just logged; the warnings raised. Budgets the decisions drew on are
   * checked together shortly after (a burst of decisions costs one read per budget ledger, not one per decision).
   */
  async afterDecisions(records: readonly DecisionRecord[]): Promise<WarningDoc[]> {
    const drafts: WarningDraft[] = [];
    for (const r of records) {
      const burst = this.bursts.add(r);
      if (burst) drafts.push(burst);
      if (r.outcome === 'approved' || r.outcome === 'partial') {
        // a budget year is the application's year or one of the two before (a subsidy year claimed late)
        const year = Number(r.applicationDate.slice(0, 4));
        const years = this.budgetsDue.get(r.program) ?? new Set<string>();
        [year - 2, year - 1, year].forEach((y) => years.add(String(y)));
        this.budgetsDue.set(r.program, years);
      }
      drafts.push(...(await this.decisionChecks(r)));
    }
    if (this.budgetsDue.size > 0 && !this.budgetTimer) {
      this.budgetTimer = setTimeout(() => this.checkBudgetsDue(), this.budgetDelayMs);
      this.budgetTimer.unref();
    }
    return this.raise(drafts);
  }

  /** Evaluates every warning now: all budgets of this and last year, each beneficiary's latest decision under a checked program. */
  async evaluateAll(): Promise<WarningDoc[]> {
    await this.log.catchUp();
    await this.idle();
    const year = Number(this.today().slice(0, 4));
    const drafts = await this.budgetChecks(this.catalog.all().filter((p) => p.pack.status !== 'draft'), [String(year - 1), String(year)]);
    const latest = new Map<string, DecisionRecord>();
    for (const r of this.log.records()) if (this.checksDecisions(r)) latest.set(`${r.program}|${r.uscc}`, r);
    for (const r of latest.values()) drafts.push(...(await this.decisionChecks(r)));
    return this.raise(drafts);
  }

  async list(caller: ApiKeyRecord, filter: { kind?: string; acknowledged?: boolean; program?: string }) {
    const [warnings, acks] = await Promise.all([this.store.all(), this.store.acknowledgements()]);
    const byWarning = new Map<string, WarningAckDoc[]>();
    for (const a of acks.sort((x, y) => +new Date(x.at) - +new Date(y.at))) byWarning.set(a.warningId, [...(byWarning.get(a.warningId) ?? []), a]);
    return warnings
      .filter((w) => inScope(caller, w.jurisdictionChain))
      .filter((w) => filter.kind === undefined || w.kind === filter.kind)
      .filter((w) => filter.program === undefined || w.program === filter.program)
      .filter((w) => filter.acknowledged === undefined || byWarning.has(w._id) === filter.acknowledged)
      .sort((a, b) => +new Date(b.raisedAt) - +new Date(a.raisedAt) || (a._id < b._id ? -1 : 1))
      .map((w) => warningView(w, byWarning.get(w._id) ?? []));
  }

  /** A warning the caller may see, or undefined. */
  async visible(caller: ApiKeyRecord, id: string): Promise<WarningDoc | undefined> {
    const w = await this.store.get(id);
    return w && inScope(caller, w.jurisdictionChain) ? w : undefined;
  }

  async acknowledge(caller: ApiKeyRecord, warning: WarningDoc, note: string) {
    const ack: WarningAckDoc = { _id: `ack_${randomBytes(12).toString('hex')}`, warningId: warning._id, by: { keyId: caller.id, name: caller.name, role: caller.role }, at: this.now(), note };
    await this.store.acknowledge(ack);
    return ackView(ack);
  }

  private checksDecisions(r: DecisionRecord): boolean {
    if (this.rules.bankLossRatio.some((b) => b.program === r.program)) return true;
    const v = versionOf(this.catalog, r);
    return (r.outcome === 'approved' || r.outcome === 'partial') && v !== undefined && lifetimeCaps(v).length > 0;
  }

  /** Checks that read a decision's facts: the bank's loss ratio, the beneficiary's lifetime caps. */
  private async decisionChecks(r: DecisionRecord): Promise<WarningDraft[]> {
    if (!this.checksDecisions(r)) return [];
    const version = versionOf(this.catalog, r);
    if (!version) return [];
    // limits made of parameters only need no facts: the application is read only when a check needs it
    const needsFacts = this.rules.bankLossRatio.some((b) => b.program === r.program) || lifetimeCaps(version).some(({ limit }) => limit.symbols.some((s) => !(s in version.version.parameters)));
    const app = needsFacts ? await this.application(r.applicationId) : NO_FACTS;
    if (!app) return [];
    const out: WarningDraft[] = [];
    const bank = bankLossRatioWarning(this.rules, this.catalog, r, version, app);
    if (bank) out.push(bank);
    if (r.outcome === 'approved' || r.outcome === 'partial') out.push(...(await lifetimeCapWarnings(this.rules, this.catalog, this.ledgers, r, version, app)));
    return out;
  }

  private async budgetChecks(programs: Program[], years: string[]): Promise<WarningDraft[]> {
    const out: WarningDraft[] = [];
    for (const b of budgetLedgers(this.catalog, programs, years, this.today())) {
      const w = budgetWarning(this.rules, this.catalog, b, (await this.ledgers.used(b.ledger)).used);
      if (w) out.push(w);
    }
    return out;
  }

  private async raise(drafts: WarningDraft[]): Promise<WarningDoc[]> {
    const raised: WarningDoc[] = [];
    const seen = new Set<string>();
    for (const d of drafts) {
      if (seen.has(d.key)) continue;
      seen.add(d.key);
      const doc: WarningDoc = { _id: warningId(d.key), ...d, raisedAt: this.now() };
      if (!(await this.store.raise(doc))) continue;
      raised.push(doc);
      for (const l of this.listeners) {
        try {
          await l(doc); // part of the evaluation: idle() covers it
        } catch (e) {
          this.logger?.error({ err: e, warning: doc._id }, 'risk warnings: a listener failed');
        }
      }
    }
    return raised;
  }
}
