export type FactKind =
  | 'money' | 'decimal' | 'ratio' | 'count' | 'year' | 'date' | 'uscc' | 'jurisdictionCode' | 'identifier'
  | 'boolean' | 'enum' | 'set';

export interface FactDefinition {
  name: string;
  kind: FactKind;
  title: string;
  values?: readonly string[];
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
    for (const [name, def] of Object.entries(props)) this.facts.set(name, { name, ...kindOf(name, def) });
    for (const f of BUILT_IN_FACTS) this.facts.set(f.name, f);
  }

  get(name: string): FactDefinition | undefined {
    return this.facts.get(name);
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
