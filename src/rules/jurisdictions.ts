export interface Jurisdiction {
  code: string;
  name: string;
  nameEn?: string;
  level?: 'nation' | 'province' | 'city' | 'county';
  parent?: string;
  /** Where a code that is not in the divisions package comes from (a declared overlay). */
  source?: string;
}

/** A jurisdiction code as the API accepts it: CN or six digits. */
export const JURISDICTION_CODE = /^(CN|[0-9]{6})$/;

/** The jurisdiction tree: which programs apply to an applicant registered in a given code. */
export class Jurisdictions {
  private readonly byCode: ReadonlyMap<string, Jurisdiction>;

  constructor(list: readonly Jurisdiction[]) {
    const byCode = new Map<string, Jurisdiction>();
    for (const j of list) {
      if (byCode.has(j.code)) throw new Error(`jurisdiction ${j.code} is listed twice`);
      byCode.set(j.code, j);
    }
    for (const j of list) {
      if (j.parent !== undefined && !byCode.has(j.parent)) throw new Error(`jurisdiction ${j.code} names an unknown parent ${j.parent}`);
    }
    this.byCode = byCode;
    for (const j of list) this.chain(j.code); // refuses cycles at load
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  get(code: string): Jurisdiction | undefined {
    return this.byCode.get(code);
  }

  codes(): string[] {
    return [...this.byCode.keys()];
  }

  /** Divisions whose code starts with, or whose name contains, `q`; at most `limit`, by code. */
  search(q: string, limit = 50): Jurisdiction[] {
    const out: Jurisdiction[] = [];
    for (const j of this.byCode.values()) {
      if (j.code.startsWith(q) || j.name.includes(q) || (j.nameEn !== undefined && j.nameEn.toLowerCase().includes(q.toLowerCase()))) out.push(j);
    }
    return out.sort((a, b) => a.code.localeCompare(b.code)).slice(0, limit);
  }

  /** Whether `code` lies within `area` (a code lies within itself); unknown codes lie nowhere. */
  within(code: string, area: string): boolean {
    return this.byCode.has(code) && this.byCode.has(area) && this.chain(code).includes(area);
  }

  /** From the nation down to the code itself: CN, 320000, 320500, 320571. */
  chain(code: string): string[] {
    const out: string[] = [];
    let current = this.byCode.get(code);
    while (current) {
      if (out.includes(current.code)) throw new Error(`jurisdiction ${code} has a cycle in its parents`);
      out.unshift(current.code);
      current = current.parent === undefined ? undefined : this.byCode.get(current.parent);
    }
    return out;
  }
}
