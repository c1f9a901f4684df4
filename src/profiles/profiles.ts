import { createHash } from 'node:crypto';
import type { CatalogSource } from '../rules/catalog';
import { ReadsCatalogInForce } from '../rules/catalog-in-force';
import { ServiceError, invalid, notFound, PROBLEM_TYPE_BASE } from '../service/errors';
import type { ProfileEntryDoc } from '../store/profile-models';
import type { ProfileStore } from '../store/profile-store';
import type { FieldError, SchemaRegistry } from '../validation/schema-registry';
import { profileAsOf, type ProfileView } from './profile-view';
import type { ProfileRow } from '../schema-types/profile-row';
import type { ProfilesBatchReport } from '../schema-types/profiles';

export const BATCH_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const CHUNK = 500;

/** What an import says: schemas/profiles.schema.json#/$defs/batchReport. */
export type BatchReport = ProfilesBatchReport;

/** A row of a batch (schemas/profile-row.schema.json); facts wider: read by name, as a map. */
type Row = Omit<ProfileRow, 'facts'> & { facts: Record<string, unknown> };

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/** Enterprise profiles (一企一档): batches of facts per source, read as of a date. */
export class Profiles extends ReadsCatalogInForce {
  constructor(
    private readonly store: ProfileStore,
    catalog: CatalogSource,
    private readonly registry: SchemaRegistry,
    /** Today in China: the default date a profile is read as of. */
    readonly today: () => string,
    /** Called with the enterprises of each completed batch (incremental matching listens). */
    private readonly onBatch: (usccs: string[]) => void = () => undefined,
  ) {
    super(catalog);
  }

  /**
   * Imports a JSON Lines batch. Every row is validated against profile-row.schema.json (refused
   * rows are reported with pointers into the row and the rest imported); the batch is idempotent
   * per source and batch id: a second import of the same content changes nothing, other content
   * under the same id is refused (409). `mayImport` says whether the caller may write a jurisdiction.
   */
  async importBatch(source: string, batch: string, text: string, mayImport: (jurisdiction: string) => boolean = () => true, options: { selfDeclared?: boolean } = {}): Promise<BatchReport> {
    if (!BATCH_NAME.test(source)) throw invalid('source must be a name of letters, digits, . _ -', [{ pointer: '/query/source', detail: 'must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' }]);
    if (!BATCH_NAME.test(batch)) throw invalid('batch must be a name of letters, digits, . _ -', [{ pointer: '/query/batch', detail: 'must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' }]);
    const lines = text.split(/\r?\n/).map((l) => l.trim());
    const contentHash = hash((options.selfDeclared ? 'self-declared\n' : '') + lines.filter(Boolean).join('\n'));
    const batchId = `${source}|${batch}`;
    const done = await this.store.batch(batchId);
    if (done && done.contentHash !== contentHash) {
      throw new ServiceError(409, PROBLEM_TYPE_BASE + 'batch-conflict', 'The batch was imported with other content', `batch ${batch} of ${source} was imported before with other content: give a new batch id`, [{ pointer: '/query/batch', detail: 'was imported before with other content' }]);
    }
    const report: BatchReport = { source, batch, imported: 0, unchanged: 0, refused: [] };
    const receivedAt = new Date();
    const entries: ProfileEntryDoc[] = [];
    const lineOf = new Map<string, number>();
    lines.forEach((line, i) => {
      if (!line) return;
      const errors = this.rowErrors(line, mayImport);
      if ('errors' in errors) return void report.refused.push({ line: i + 1, ...(errors.uscc ? { uscc: errors.uscc } : {}), errors: errors.errors });
      const row = errors.row;
      const id = `${row.beneficiary.uscc}|${source}|${batch}`;
      if (lineOf.has(id)) return void report.refused.push({ line: i + 1, uscc: row.beneficiary.uscc, errors: [{ pointer: '/beneficiary/uscc', detail: `repeats line ${lineOf.get(id)}: one row per enterprise in a batch` }] });
      lineOf.set(id, i + 1);
      const { uscc, name, jurisdiction } = row.beneficiary;
      entries.push({ _id: id, uscc, name, jurisdiction, source, batch, validFor: row.validFor, receivedAt, facts: row.facts, rowHash: hash(JSON.stringify(row)), ...(options.selfDeclared ? { selfDeclared: true } : {}) });
    });
    if (done) {
      report.unchanged = entries.length;
      return report;
    }
    for (let i = 0; i < entries.length; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      const before = await this.store.addEntries(chunk);
      for (const e of chunk) {
        if (!before.has(e._id)) report.imported++;
        else if ((await this.store.entry(e._id))?.rowHash === e.rowHash) report.unchanged++;
        else report.refused.push({ line: lineOf.get(e._id)!, uscc: e.uscc, errors: [{ pointer: '', detail: 'this batch stored other content for the enterprise before (an interrupted import): give a new batch id' }] });
      }
    }
    report.refused.sort((a, b) => a.line - b.line);
    const usccs = [...new Set(entries.map((e) => e.uscc))];
    await this.store.completeBatch({ _id: batchId, source, batch, contentHash, rows: entries.length, usccs, completedAt: new Date() });
    this.onBatch(usccs);
    return report;
  }

  private rowErrors(line: string, mayImport: (jurisdiction: string) => boolean): { row: Row } | { uscc?: string; errors: FieldError[] } {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { errors: [{ pointer: '', detail: 'is not JSON' }] };
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { errors: [{ pointer: '', detail: 'is not a JSON object' }] };
    const uscc = (value as { beneficiary?: { uscc?: unknown } }).beneficiary?.uscc;
    const named = typeof uscc === 'string' ? { uscc } : {};
    const errors = this.registry.validate('profile-row.schema.json', value);
    if (errors.length) return { ...named, errors };
    const row = value as Row;
    const j = row.beneficiary.jurisdiction;
    if (!this.catalog.jurisdictions.has(j)) return { ...named, errors: [{ pointer: '/beneficiary/jurisdiction', detail: 'is not a known jurisdiction code' }] };
    if (!mayImport(j)) return { ...named, errors: [{ pointer: '/beneficiary/jurisdiction', detail: 'is outside the jurisdictions of this key' }] };
    return { row };
  }

  /** The profile as of a date (by `_id` reads only: the enterprise's index, then its entries). */
  async asOf(uscc: string, date: string): Promise<ProfileView | undefined> {
    return profileAsOf(await this.store.entries(uscc), date);
  }

  async get(uscc: string, date: string): Promise<ProfileView> {
    const view = await this.asOf(uscc, date);
    if (!view) throw notFound(`no profile of ${uscc} valid on or before ${date}`);
    return view;
  }
}
