import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_DIR } from '../paths';

/**
 * The served OpenAPI document: openapi/openapi.json with every schema it references from
 * schemas/ copied into components.schemas, so the same files validate requests (ajv) and
 * document them.
 */
export function bundleOpenApi(schemaDocuments: ReadonlyMap<string, Record<string, unknown>>): Record<string, unknown> {
  const doc = JSON.parse(readFileSync(join(OPENAPI_DIR, 'openapi.json'), 'utf8')) as Record<string, unknown>;
  const nameOf = (file: string) => file.replace(/\.schema\.json$/, '');
  const rewrite = (value: unknown, self?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => rewrite(v, self));
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out[k] = rewriteRef(v, self, nameOf);
      else if ((k === '$id' || k === '$schema') && self !== undefined) continue;
      else out[k] = rewrite(v, self);
    }
    return out;
  };
  const components = (doc.components ?? {}) as Record<string, unknown>;
  const schemas: Record<string, unknown> = { ...((components.schemas as Record<string, unknown>) ?? {}) };
  for (const [file, schema] of schemaDocuments) schemas[nameOf(file)] = rewrite(schema, nameOf(file));
  return { ...(rewrite(doc) as Record<string, unknown>), components: { ...components, schemas } };
}

function rewriteRef(ref: string, self: string | undefined, nameOf: (f: string) => string): string {
  if (self && ref === '#') return `#/components/schemas/${self}`;
  if (self && ref.startsWith('#/')) return `#/components/schemas/${self}${ref.slice(1)}`;
  const m = /^(?:\.\.\/schemas\/)?([a-z0-9-]+\.schema\.json)(#.*)?$/.exec(ref);
  if (!m) return ref;
  return `#/components/schemas/${nameOf(m[1]!)}${m[2] ? m[2].slice(1) : ''}`;
}
