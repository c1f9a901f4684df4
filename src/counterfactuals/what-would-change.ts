import { Decimal } from '../money/decimal';
import type { Adjudicator, ApplicationInputs } from '../adjudication/adjudicator';
import type { Explanation } from '../adjudication/explanation';
import { fit, type CapLedgers } from '../adjudication/ledgers';
import { factsRead } from '../adjudication/provenance';
import type { FactDictionary } from '../rules/fact-dictionary';
import type { Program } from '../rules/compiled';
import type { WhatWouldChange } from '../schema-types/what-would-change';

/**
 * schemas/what-would-change.schema.json: the fewest changes found that make the program pay, fewest
 * first (at most `MAX_ALTERNATIVES`), and the changeable facts the program reads (what was varied).
 */
export type { WhatWouldChange };
export type Alternative = WhatWouldChange['alternatives'][number];
export type FactChange = Alternative['changes'][number];

const MAX_ALTERNATIVES = 5;
const FACTORS_UP = ['1.01', '1.02', '1.05', '1.1', '1.2', '1.35', '1.5', '2', '3', '5', '10'];
const FACTORS_DOWN = ['0.99', '0.98', '0.95', '0.9', '0.8', '0.65', '0.5', '0.25', '0'];
const PAYS = new Set(['approved', 'partial']);

/** The policy's limits only: a counterfactual reserves nothing and counts no other firm's grants. */
const PUBLISHED: CapLedgers = { take: async (t) => ({ usedBefore: 0, granted: fit(t, 0), reused: false }), giveBack: async () => undefined };

/**
 * What would change a rejection: the smallest set of changes to facts the enterprise can change
 * that makes the program pay, with the amount it would then get — computed by deciding the
 * program again on varied facts (the rules are the only source): every single change first
 * (a flag flipped, an option chosen, a number moved to the least value that passes, found by
 * bracketing and bisection), then a flag or option together with one more change.
 */
export class Counterfactuals {
  constructor(
    private readonly adjudicator: Adjudicator,
    private readonly programs: { get(key: string): Program | undefined },
    private readonly dictionary: FactDictionary,
    private readonly changeable: Set<string>,
  ) {}

  /** The changeable facts a program reads (its versions and its dependencies'). */
  searchable(program: Program, seen = new Set<string>()): string[] {
    if (seen.has(program.key)) return [];
    seen.add(program.key);
    const names = new Set(program.versions.flatMap((v) => factsRead(v, this.dictionary)).filter((f) => this.changeable.has(f)));
    for (const d of program.pack.dependsOn ?? []) {
      const dep = this.programs.get(d.program);
      if (dep) this.searchable(dep, seen).forEach((f) => names.add(f));
    }
    return [...names].sort();
  }

  async explore(inputs: ApplicationInputs): Promise<WhatWouldChange> {
    const program = this.programs.get(inputs.program)!;
    const searched = this.searchable(program);
    const decide = (facts: Record<string, unknown>) => this.adjudicator.decide({ ...inputs, facts }, { ledgers: PUBLISHED, holder: 'counterfactual' });
    const alternatives: Alternative[] = [];
    const base = { ...inputs.facts } as Record<string, unknown>;
    for (const fact of searched) {
      const found = await this.single(fact, base, decide);
      if (found) alternatives.push(found);
    }
    if (!alternatives.length) {
      // two changes: a flag or an option, then any single change on top of it
      for (const fact of searched.filter((f) => this.discrete(f))) {
        for (const to of this.options(fact, base[fact])) {
          const flipped = { ...base, [fact]: to };
          for (const other of searched.filter((f) => f > fact || !this.discrete(f))) {
            if (other === fact) continue;
            const found = await this.single(other, flipped, decide);
            if (found) alternatives.push({ ...found, changes: [{ fact, from: base[fact] ?? null, to }, ...found.changes] });
          }
        }
      }
    }
    alternatives.sort((a, b) => a.changes.length - b.changes.length || a.changes.map((c) => c.fact).join().localeCompare(b.changes.map((c) => c.fact).join()));
    return { alternatives: alternatives.slice(0, MAX_ALTERNATIVES), searched };
  }

  private discrete(fact: string): boolean {
    const kind = this.dictionary.get(fact)?.kind;
    return kind === 'boolean' || this.dictionary.get(fact)?.values !== undefined;
  }

  private options(fact: string, current: unknown): unknown[] {
    const def = this.dictionary.get(fact)!;
    if (def.kind === 'boolean') return current === undefined ? [true, false] : [!current];
    return (def.values ?? []).filter((v) => v !== current);
  }

  /** The least change of one fact that makes the program pay, or undefined. */
  private async single(fact: string, facts: Record<string, unknown>, decide: (f: Record<string, unknown>) => Promise<Explanation>): Promise<Alternative | undefined> {
    const from = facts[fact];
    const pays = async (to: unknown) => {
      const e = await decide({ ...facts, [fact]: to });
      return PAYS.has(e.outcome) ? e : undefined;
    };
    // Only explanations that pay (PAYS) are found: their outcome is approved or partial.
    const found = (to: unknown, e: Explanation): Alternative => ({ changes: [{ fact, from: from ?? null, to }], outcome: e.outcome as Alternative['outcome'], amount: e.amount });
    if (this.discrete(fact)) {
      for (const to of this.options(fact, from)) {
        const e = await pays(to);
        if (e) return found(to, e);
      }
      return undefined;
    }
    if (from === undefined) return undefined; // a number nobody stated: say which is missing, not what it should be
    const kind = this.dictionary.get(fact)!.kind;
    if (kind === 'count' || kind === 'year') {
      const x = Number(from);
      const steps = [...Array.from({ length: 30 }, (_, i) => x + i + 1), ...Array.from({ length: Math.min(x, 30) }, (_, i) => x - i - 1)].sort((a, b) => Math.abs(a - x) - Math.abs(b - x));
      for (const to of steps) {
        const e = await pays(to);
        if (e) return found(to, e);
      }
      return undefined;
    }
    // money, ratios, decimals: bracket by factors, then bisect to the least value that passes
    const x = new Decimal(String(from));
    const unit = kind === 'money' ? new Decimal(1) : new Decimal('0.0001');
    const base = x.isZero() ? unit.times(10000) : x;
    const candidates: Alternative[] = [];
    for (const factors of [FACTORS_UP, FACTORS_DOWN]) {
      let passing: Decimal | undefined;
      let last = x;
      for (const f of factors) {
        const to = x.isZero() && factors === FACTORS_UP ? base.times(f) : x.times(f);
        if (await pays(this.text(to, kind))) {
          passing = to;
          break;
        }
        last = to;
      }
      if (!passing) continue;
      let lo = last;
      let hi = passing;
      for (let i = 0; i < 40 && hi.minus(lo).abs().gt(unit); i++) {
        const mid = lo.plus(hi).div(2);
        if (await pays(this.text(mid, kind))) hi = mid;
        else lo = mid;
      }
      const to = this.text(hi, kind, lo.lt(hi));
      const e = await pays(to);
      if (e) candidates.push(found(to, e));
    }
    // the smaller move
    candidates.sort((a, b) => new Decimal(String(a.changes[0]!.to)).minus(x).abs().comparedTo(new Decimal(String(b.changes[0]!.to)).minus(x).abs()));
    return candidates[0];
  }

  private text(v: Decimal, kind: string, up = true): string {
    const places = kind === 'money' ? 0 : 4;
    return v.toDecimalPlaces(places, up ? Decimal.ROUND_UP : Decimal.ROUND_DOWN).toFixed(places);
  }
}
