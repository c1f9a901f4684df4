import { insertOnce } from './repositories';
import type { AutoGrantModels, AutoGrantProposalDoc, AutoGrantSettingDoc } from './auto-grant-models';

/** Review settings and held proposals of grants without application (insert-only, read by `_id`). */
export class AutoGrantStore {
  private readonly seen = new Map<string, number>();

  constructor(private readonly models: AutoGrantModels) {}

  /** The program's latest setting: the highest `<program>#<n>`. */
  async setting(program: string): Promise<AutoGrantSettingDoc | undefined> {
    let n = this.seen.get(program) ?? 0;
    let latest: AutoGrantSettingDoc | undefined;
    if (n) latest = ((await this.models.autoGrantSettings.findById(`${program}#${n}`).lean()) as AutoGrantSettingDoc | null) ?? undefined;
    for (;;) {
      const next = (await this.models.autoGrantSettings.findById(`${program}#${n + 1}`).lean()) as AutoGrantSettingDoc | null;
      if (!next) break;
      n++;
      latest = next;
    }
    if (n) this.seen.set(program, n);
    return latest;
  }

  /** Records a change of the setting as the next `<program>#<n>` (a concurrent change takes the one after). */
  async changeSetting(doc: Omit<AutoGrantSettingDoc, '_id'>): Promise<AutoGrantSettingDoc> {
    await this.setting(doc.program);
    let n = (this.seen.get(doc.program) ?? 0) + 1;
    while (!(await insertOnce(this.models.autoGrantSettings, { _id: `${doc.program}#${n}`, ...doc }))) n++;
    this.seen.set(doc.program, n);
    return { _id: `${doc.program}#${n}`, ...doc };
  }

  propose(doc: AutoGrantProposalDoc): Promise<boolean> {
    return insertOnce(this.models.autoGrantProposals, doc);
  }

  async proposal(id: string): Promise<AutoGrantProposalDoc | undefined> {
    return ((await this.models.autoGrantProposals.findById(id).lean()) as AutoGrantProposalDoc | null) ?? undefined;
  }

  /** Every proposal (a small collection: grants waiting for review). */
  async proposals(): Promise<AutoGrantProposalDoc[]> {
    return (await this.models.autoGrantProposals.find().sort({ createdAt: 1, _id: 1 }).lean()) as AutoGrantProposalDoc[];
  }
}
