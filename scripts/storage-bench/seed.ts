import type { ProgramCatalog } from '../../src/rules/catalog';
import { decisionRecordOf } from '../../src/service/decision-records';
import { entryHash, entryId, type DecisionLog, type DecisionLogEntryDoc } from '../../src/store/decision-log';
import type { ApplicationDoc, DecisionDoc, Models } from '../../src/store/models';
import { MongoLedgers } from '../../src/store/mongo-ledgers';
import type { Submissions } from '../../src/service/submissions';
import { firm, workloads } from './workload';

const TEMPLATE_FIRM = 9_000_000;
const BUDGET = '320500/loan-interest-subsidy|annualBudget|2024';

/**
 * Seeds stored decisions in bulk, in the shapes real submissions leave: one real submission
 * (Suzhou's insurance-premium subsidy, with its per-enterprise cap) is made, and its application,
 * decision, journal entry and receipts are copied for distinct firms. The hot budget's journal
 * grows alongside (one entry of 1 fen per five decisions, as earlier claims). Every seeded
 * decision is also in the decision log, as the service would have logged it: its record built
 * by the service's own `decisionRecordOf` (real decision hashes), a few records per entry as
 * group commit leaves them (1 to 4), chained from the log's real head with real entry hashes;
 * the service then reads them forward like entries another process wrote (and writes the
 * log's segments as their runs complete).
 */
export class Seeder {
  private template?: { application: string; decision: string; entries: string[]; receipts: string[]; uscc: string; appId: string; decId: string };
  seeded = 0;
  private budgetEntries = 0;

  constructor(
    private readonly models: Models,
    private readonly submissions: Submissions,
    private readonly log: DecisionLog,
    private readonly catalog: ProgramCatalog,
  ) {}

  private async prepare() {
    const body = { ...workloads.insurance(TEMPLATE_FIRM) };
    const reply = (await this.submissions.submit(body, 'bench-seed')) as { body: { application: { id: string }; decision: { id: string } } };
    const appId = reply.body.application.id;
    const decId = reply.body.decision.id;
    const m = this.models;
    const entries = await m.ledgerEntries.find({ holder: decId }).lean();
    const receipts = await m.ledgerReceipts.find().lean();
    this.template = {
      application: JSON.stringify(await m.applications.findById(appId).lean()),
      decision: JSON.stringify(await m.decisions.findById(decId).lean()),
      entries: entries.map((e) => JSON.stringify(e)),
      receipts: receipts.filter((r) => r._id.includes(decId)).map((r) => JSON.stringify(r)),
      uscc: body.beneficiary.uscc,
      appId,
      decId,
    };
  }

  /** Seeds until `total` decisions are stored by the seeder (plus the template's one). */
  async seedUpTo(total: number): Promise<void> {
    if (!this.template) await this.prepare();
    const t = this.template!;
    const m = this.models;
    const CHUNK = 500;
    while (this.seeded < total) {
      const n = Math.min(CHUNK, total - this.seeded);
      const copy = (text: string, i: number) => {
        const k = this.seeded + i;
        const uscc = firm(5_000_000 + k, '320505');
        return JSON.parse(text.split(t.uscc).join(uscc).split(t.appId).join(`app_seed${k}`).split(t.decId).join(`dec_seed${k}`));
      };
      const now = new Date();
      const apps = Array.from({ length: n }, (_, i) => ({ ...copy(t.application, i), receivedAt: now }));
      const decisions = Array.from({ length: n }, (_, i) => ({ ...copy(t.decision, i), decidedAt: now }));
      const entries = Array.from({ length: n }, (_, i) => t.entries.map((e) => ({ ...copy(e, i), at: now }))).flat();
      const receipts = Array.from({ length: n }, (_, i) => t.receipts.map((r) => copy(r, i))).flat();
      // the budget journal goes on from its real head (the service appends to it too)
      const head = await new MongoLedgers(m).used(BUDGET);
      const budget = Array.from({ length: Math.floor((this.seeded + n) / 5) - this.budgetEntries }, (_, i) => {
        const seq = head.seq + 1 + i;
        return { _id: `${BUDGET}#${seq}`, ledger: BUDGET, seq, holder: `earlier-claim-${this.budgetEntries + i}`, kind: 'take', units: 1, usedAfter: head.used + 1 + i, at: now };
      });
      this.budgetEntries += budget.length;
      await Promise.all([
        m.applications.collection.insertMany(apps, { ordered: false }),
        m.decisions.collection.insertMany(decisions, { ordered: false }),
        entries.length ? m.ledgerEntries.collection.insertMany(entries.concat(budget as never[]), { ordered: false }) : undefined,
        receipts.length ? m.ledgerReceipts.collection.insertMany(receipts, { ordered: false }) : undefined,
      ]);
      await this.logDecisions(apps, decisions);
      this.seeded += n;
    }
    await this.log.segmentsWritten();
  }

  /** Chains the records of stored decisions into the decision log from its head, then lets the service read them. */
  private async logDecisions(apps: ApplicationDoc[], decisions: DecisionDoc[]): Promise<void> {
    await this.log.catchUp();
    let { seq, hash: prevHash } = this.log.head;
    const records = decisions.map((d, i) => decisionRecordOf(this.catalog, d, apps[i]!));
    const entries: DecisionLogEntryDoc[] = [];
    const at = new Date();
    for (let i = 0; i < records.length; ) {
      const per = 1 + (seq % 4);
      seq++;
      const entry: DecisionLogEntryDoc = { _id: entryId(seq), seq, prevHash, hash: '', records: records.slice(i, i + per), at };
      entry.hash = entryHash(entry);
      prevHash = entry.hash;
      entries.push(entry);
      i += per;
    }
    // in order: a failure leaves a gapless chain
    await this.models.decisionLog.collection.insertMany(entries as never[], { ordered: true });
    await this.log.catchUp();
    if (this.log.head.seq !== seq) throw new Error(`the decision log reads to ${this.log.head.seq} after seeding to ${seq}`);
  }
}
