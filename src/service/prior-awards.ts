import { Calculation } from '../adjudication/calculation';
import { applyCaps } from '../adjudication/caps';
import { versionDate, versionsInForce } from '../adjudication/version-selection';
import { Decimal, MAX_STATED_YUAN, toFen } from '../money/decimal';
import type { ProgramCatalog } from '../rules/catalog';
import { canonicalJson, sha256 } from '../rules/content-hash';
import type { Repositories } from '../store/repositories';
import { EstimatingLedgers, type MongoLedgers } from '../store/mongo-ledgers';
import type { SchemaRegistry } from '../validation/schema-registry';
import { factRangeErrors } from '../validation/fact-ranges';
import type { PriorAward } from '../schema-types/prior-award';

/**
 * One line of an import: an award paid before the service, with where it is recorded
 * (schemas/prior-award.schema.json); facts wider: read by name, as a map.
 */
export type PriorAwardRow = Omit<PriorAward, 'facts'> & { facts: Record<string, unknown> };

export interface ImportReport {
  imported: number;
  unchanged: number;
  refused: { line: number; row?: string; reason: string }[];
}

/**
 * Imports prior awards into the cap ledgers through the same take as decisions, each held by
 * `import:<source>:<row>` (a distinct-year grant by its year, as a decision's would be), so
 * per-year, lifetime, distinct-year, claim and pool caps count them. Idempotent: a row already
 * imported with the same content is unchanged; one with other content is refused. A row that a
 * cap could not take in full is refused before anything is taken.
 */
export class PriorAwardImports {
  constructor(
    private readonly stores: Pick<Repositories, 'priorAwards' | 'priorAwardMarks'>,
    private readonly catalog: ProgramCatalog,
    private readonly registry: SchemaRegistry,
    private readonly ledgers: MongoLedgers,
  ) {}

  async importLines(text: string, inScope: (jurisdiction: string) => boolean = () => true): Promise<ImportReport> {
    const report: ImportReport = { imported: 0, unchanged: 0, refused: [] };
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue;
      let row: PriorAwardRow | undefined;
      try {
        row = JSON.parse(line) as PriorAwardRow;
      } catch {
        report.refused.push({ line: i + 1, reason: 'is not a JSON object' });
        continue;
      }
      const refused = row && typeof row === 'object' && row.beneficiary && typeof row.beneficiary.jurisdiction === 'string' && this.catalog.jurisdictions.has(row.beneficiary.jurisdiction) && !inScope(row.beneficiary.jurisdiction)
        ? `/beneficiary/jurisdiction: ${row.beneficiary.jurisdiction} is outside this key's jurisdictions`
        : await this.importRow(row);
      if (!row || typeof row !== 'object' || Array.isArray(row)) {
        report.refused.push({ line: i + 1, reason: 'is not a JSON object' });
        continue;
      }
      if (refused === 'imported') report.imported++;
      else if (refused === 'unchanged') report.unchanged++;
      else report.refused.push({ line: i + 1, ...(typeof row?.row === 'string' ? { row: row.row } : {}), reason: refused });
    }
    return report;
  }

  /** 'imported', 'unchanged', or why the row is refused. */
  async importRow(row: PriorAwardRow): Promise<string> {
    const errors = this.registry.validate('prior-award.schema.json', row);
    if (errors.length) return errors.map((e) => `${e.pointer || '/'} ${e.detail}`).join('; ');
    const program = this.catalog.get(row.program);
    if (!program) return `/program: no program ${row.program}`;
    if (program.pack.kind !== 'payment') return `/program: ${row.program} pays nothing`;
    if (!this.catalog.jurisdictions.has(row.beneficiary.jurisdiction)) return `/beneficiary/jurisdiction: ${row.beneficiary.jurisdiction} is not a known division`;
    if (!this.catalog.appliesIn(program, row.beneficiary.jurisdiction)) return `/beneficiary/jurisdiction: ${row.program} does not apply in ${row.beneficiary.jurisdiction}`;
    const factErrors = this.registry.validate('facts.schema.json', row.facts);
    if (factErrors.length) return factErrors.map((e) => `/facts${e.pointer} ${e.detail}`).join('; ');
    // the same ranges as a submission's: amounts a calculation can carry, dates not after the payment
    const ranges = factRangeErrors(this.catalog.facts, row.facts, row.paidOn);
    if (new Decimal(row.amount).abs().gt(MAX_STATED_YUAN)) ranges.push({ pointer: '/amount', detail: `is out of range: at most ${MAX_STATED_YUAN.toFixed()}` });
    if (ranges.length) return ranges.map((e) => `${e.pointer} ${e.detail}`).join('; ');

    const id = `import:${row.source}:${row.row}`;
    const requestHash = sha256(canonicalJson(row));
    const earlier = await this.stores.priorAwards.get(id);
    if (earlier) return earlier.requestHash === requestHash ? 'unchanged' : `row ${row.row} of ${row.source} was imported before with other content`;

    const facts: Record<string, unknown> = { ...row.facts, applicationDate: row.paidOn, beneficiaryJurisdiction: row.beneficiary.jurisdiction };
    const selection = versionDate(program.pack.versionDate, facts, row.paidOn);
    if (selection.missing) return `/facts/${selection.missing}: chooses the version and is missing`;
    const version = versionsInForce.select(program, selection.date!, false);
    if (!version) return `no version of ${row.program} is in force on ${selection.date}`;
    const amount = new Decimal(row.amount);
    const calc = () => new Calculation(version, facts, this.catalog.facts);
    // First what would fit, reserving nothing; then the takes, idempotent by holder.
    const estimate = await applyCaps(version, calc(), row.beneficiary.uscc, amount, new EstimatingLedgers(this.ledgers), id, this.catalog.facts);
    if (estimate.missing.length) return `facts the caps are kept per are missing: ${estimate.missing.join(', ')}`;
    const cut = estimate.caps.find((c) => c.cut !== '0.00');
    if (cut) return `cap ${cut.id} (${cut.ledger}) has room for ${cut.granted} of ${cut.requested} (limit ${cut.limit}, used ${cut.usedBefore})`;
    const taken = await applyCaps(version, calc(), row.beneficiary.uscc, amount, this.ledgers, id, this.catalog.facts);
    // a decision took the room between the estimate and the take: what was taken stays held by the row
    if (taken.caps.length < version.caps.length || !taken.granted.eq(amount)) return `the caps filled while importing: ${taken.granted.toFixed(2)} of ${row.amount} is held by ${id}; import again after checking`;
    const entries = version.caps.map(({ cap }, i) => {
      const holder = cap.distinctBy ? `distinct:${cap.distinctBy.map((d) => this.catalog.facts.keyText(d, facts[d])).join('|')}` : id;
      const applied = taken.caps[i]!;
      return { ledger: applied.ledger, holder, units: cap.measure === 'amount' ? toFen(new Decimal(applied.granted)) : 1 };
    });
    for (const e of entries) await this.stores.priorAwardMarks.insertOnce({ _id: `${e.ledger}|${e.holder}`, importId: id, source: row.source, row: row.row, ref: row.ref });
    await this.stores.priorAwards.insertOnce({ _id: id, source: row.source, row: row.row, ref: row.ref, program: row.program, beneficiaryUscc: row.beneficiary.uscc, requestHash, ledgers: entries, importedAt: new Date() });
    return 'imported';
  }
}

