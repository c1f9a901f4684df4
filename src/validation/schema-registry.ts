import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isValidUscc } from '../adjudication/uscc';
import { SCHEMAS_DIR } from '../paths';

export const SCHEMA_BASE = 'https://subsidy-rules.example/schemas/';

export interface FieldError {
  /** JSON pointer (RFC 6901) to the offending field. */
  pointer: string;
  detail: string;
}

/** One ajv instance holding every schema of schemas/, compiled once, looked up by file name. */
export class SchemaRegistry {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly documents: ReadonlyMap<string, Record<string, unknown>>;

  constructor(dir: string = SCHEMAS_DIR) {
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(this.ajv, ['date', 'date-time', 'uri']);
    this.ajv.addFormat('uscc', { type: 'string', validate: isValidUscc });
    // facts.schema.json: how an identifier fact is normalised where it keys a ledger (see FactDictionary)
    this.ajv.addKeyword({ keyword: 'x-identity', metaSchema: { type: 'object' } });
    // facts.schema.json: a fact an enterprise can change (what would change a rejection varies only these)
    this.ajv.addKeyword({ keyword: 'x-changeable', metaSchema: { type: 'boolean' } });
    const docs = new Map<string, Record<string, unknown>>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort()) {
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
      if (doc.$id !== SCHEMA_BASE + file) throw new Error(`schemas/${file}: $id must be ${SCHEMA_BASE + file}`);
      docs.set(file, doc);
      this.ajv.addSchema(doc);
    }
    this.documents = docs;
  }

  /** The validator of a schema file, or of a definition inside it ("facts.schema.json#/$defs/money"). */
  validator(ref: string): ValidateFunction {
    let fn = this.compiled.get(ref);
    if (!fn) {
      fn = this.ajv.getSchema(SCHEMA_BASE + ref);
      if (!fn) throw new Error(`no schema ${ref}`);
      this.compiled.set(ref, fn);
    }
    return fn;
  }

  validate(ref: string, value: unknown): FieldError[] {
    const fn = this.validator(ref);
    return fn(value) ? [] : toFieldErrors(fn.errors ?? []);
  }
}

export function toFieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    let pointer = e.instancePath;
    let detail = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') {
      const name = (e.params as { additionalProperty: string }).additionalProperty;
      pointer += '/' + escapePointer(name);
      detail = 'is not a known field';
    } else if (e.keyword === 'required') {
      pointer += '/' + escapePointer((e.params as { missingProperty: string }).missingProperty);
      detail = 'is required';
    } else if (e.keyword === 'enum') {
      detail = 'must be one of ' + JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues);
    } else if (e.keyword === 'format' && (e.params as { format: string }).format === 'uscc') {
      detail = 'is not a valid unified social credit code (GB 32100-2015 check character)';
    }
    const key = pointer + '\u0000' + detail;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer, detail });
  }
  // oneOf/anyOf add a summary error after their branches' errors; the specific ones say more.
  return out.length > 1 ? out.filter((e) => !/must match (exactly one|a) schema/.test(e.detail)) : out;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
