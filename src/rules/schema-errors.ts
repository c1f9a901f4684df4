import type { ErrorObject } from 'ajv';
import { toFieldErrors, type FieldError, type SchemaRegistry } from '../validation/schema-registry';

/** Where conditions are in a pack: a version's eligibility and the groups below it. */
const CONDITION = /^\/versions\/\d+\/eligibility((\/(all|any)\/\d+)|\/not)*$/;

const KEYS: Record<string, { required: string[]; allowed: string[] }> = {
  all: { required: ['all'], allowed: ['id', 'title', 'all'] },
  any: { required: ['any'], allowed: ['id', 'title', 'any'] },
  not: { required: ['not'], allowed: ['id', 'title', 'not'] },
  leaf: { required: ['fact', 'operator', 'value'], allowed: ['id', 'title', 'fact', 'path', 'operator', 'value'] },
};

function at(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const raw of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function kindOf(condition: object): string {
  return 'all' in condition ? 'all' : 'any' in condition ? 'any' : 'not' in condition ? 'not' : 'leaf';
}

/**
 * A pack's schema errors, each naming its field. A condition is one of four named definitions
 * (leafCondition, allCondition, anyCondition, notCondition in schemas/rule-pack.schema.json);
 * a broken condition fails all four, so only what the definition its keys select says is
 * kept (an object with `all` is checked as an all-group, one without all/any/not as a leaf):
 * one error per fault, at its pointer.
 */
export function rulePackSchemaErrors(registry: SchemaRegistry, pack: unknown): FieldError[] {
  const validate = registry.validator('rule-pack.schema.json');
  if (validate(pack)) return [];
  const errors = validate.errors ?? [];
  const kept = errors.filter((e: ErrorObject) => {
    if (!CONDITION.test(e.instancePath)) return true;
    const node = at(pack, e.instancePath);
    if (!node || typeof node !== 'object' || Array.isArray(node)) return true;
    const own = KEYS[kindOf(node)]!;
    if (e.keyword === 'oneOf') return false;
    if (e.keyword === 'required') return own.required.includes((e.params as { missingProperty: string }).missingProperty);
    if (e.keyword === 'additionalProperties') return !own.allowed.includes((e.params as { additionalProperty: string }).additionalProperty);
    return true;
  });
  return toFieldErrors(kept.length ? kept : errors).map((e) =>
    // say plainly that an operator is unknown (json-rules-engine would only fail at run time)
    e.pointer.endsWith('/operator') && e.detail.startsWith('must be one of') ? { ...e, detail: `unknown operator: operator ${e.detail}` } : e,
  );
}
