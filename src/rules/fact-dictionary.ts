export type FactKind =
  | 'money' | 'decimal' | 'ratio' | 'count' | 'year' | 'date' | 'uscc' | 'jurisdictionCode' | 'identifier'
  | 'boolean' | 'enum' | 'set';

/** How an identifier is normalised where it keys a ledger (x-identity in facts.schema.json). */
export interface IdentityRule {
  case?: 'upper';
  /** Separator characters that do not distinguish identifiers. */
  drop?: string;
  leadingZeros?: 'strip-in-digit-runs';
  ref: string;
}

export interface FactDefinition {
  name: string;
  kind: FactKind;
  title: string;
  values?: readonly string[];
  identity?: IdentityRule;
}

/** The form of an identifier that keys ledgers: equal for every spelling the rule declares equal. */
export function normaliseIdentifier(value: string, rule: IdentityRule): string {
  let out = rule.case === 'upper' ? value.toUpperCase() : value;
  // zeros first, group by group (GZ-2025-0001 = GZ-2025-1), then the separators
  if (rule.leadingZeros === 'strip-in-digit-runs') out = out.replace(/\d+/g, (run) => run.replace(/^0+(?=\d)/, ''));
  if (rule.drop) out = [...out].filter((ch) => !rule.drop!.includes(ch)).join('');
  return out;
}

/** Facts the service supplies from the application itself; a request cannot set them. */
export const BUILT_IN_FACTS: readonly FactDefinition[] = [
  { name: 'applicationDate', kind: 'date', title: '申报日期 / application date' },
  { name: 'beneficiaryJurisdiction', kind: 'jurisdictionCode', title: '受益主体注册地 / where the beneficiary is registered' },
];

/** The fact vocabulary of schemas/facts.schema.json, with how each fact is read. */
export class FactDictionary {
  private readonly facts = new Map<string, FactDefinition>();

  constructor(schema: Record<string, unknown>) {
    const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const [name, def] of Object.entries(props)) {
      const identity = def['x-identity'] as IdentityRule | undefined;
      this.facts.set(name, { name, ...kindOf(name, def), ...(identity ? { identity } : {}) });
    }
    for (const f of BUILT_IN_FACTS) this.facts.set(f.name, f);
  }

  get(name: string): FactDefinition | undefined {
    return this.facts.get(name);
  }

  /** A fact's value as it keys a ledger: identifiers normalised by their declared rule. */
  keyText(name: string, value: unknown): string {
    const rule = this.facts.get(name)?.identity;
    return rule && typeof value === 'string' ? normaliseIdentifier(value, rule) : String(value);
  }

  isNumeric(name: string): boolean {
    const kind = this.facts.get(name)?.kind;
    return kind === 'money' || kind === 'decimal' || kind === 'ratio' || kind === 'count' || kind === 'year';
  }
}

function kindOf(name: string, def: Record<string, unknown>): { kind: FactKind; title: string; values?: string[] } {
  const title = String(def.title ?? name);
  const ref = def.$ref as string | undefined;
  if (ref) {
    const kind = ref.replace('#/$defs/', '') as FactKind;
    return { kind, title };
  }
  if (def.type === 'boolean') return { kind: 'boolean', title };
  if (Array.isArray(def.enum)) return { kind: 'enum', title, values: def.enum as string[] };
  if (def.type === 'array') return { kind: 'set', title, values: ((def.items as { enum?: string[] })?.enum) ?? [] };
  throw new Error(`schemas/facts.schema.json: fact ${name} has no kind this service can read`);
}
