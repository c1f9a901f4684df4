/**
 * Copies JSON Schema documents into an OpenAPI document's components.schemas the way code
 * generators expect: each file's schema under its file name (`application`), and each of its
 * `$defs` hoisted to a component of its own (`application.beneficiary`), with every reference
 * rewritten. No `$defs` stays inside a component, so generators never see it as a property.
 */
type Json = Record<string, unknown>;

export const componentOf = (file: string): string => file.replace(/\.schema\.json$/, '');

/** `#/components/schemas/…` for a reference written in `self` (a schema file name without extension). */
export function componentRef(ref: string, self: string | undefined): string {
  const m = /^(?:(?:\.\.\/schemas\/|\.\/)?([a-z0-9-]+)\.schema\.json)?(#.*)?$/.exec(ref);
  if (!m || (m[1] === undefined && self === undefined)) return ref;
  const file = m[1] ?? self!;
  const pointer = (m[2] ?? '#').slice(1);
  const def = /^\/\$defs\/([^/]+)(\/.*)?$/.exec(pointer);
  if (def) return `#/components/schemas/${file}.${def[1]}${def[2] ?? ''}`;
  return `#/components/schemas/${file}${pointer}`;
}

/** Rewrites references (and drops `$id`/`$schema`) throughout a value taken from `self`. */
export function rewriteRefs(value: unknown, self: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, self));
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string') out[k] = componentRef(v, self);
    else if ((k === '$id' || k === '$schema') && self !== undefined) continue;
    else out[k] = rewriteRefs(v, self);
  }
  return out;
}

/** components.schemas entries for the schema documents (file name → schema). */
export function hoistSchemas(documents: ReadonlyMap<string, Json>): Json {
  const schemas: Json = {};
  for (const [file, schema] of documents) {
    const name = componentOf(file);
    const { $defs, ...root } = schema as Json & { $defs?: Json };
    schemas[name] = rewriteRefs(root, name);
    for (const [def, sub] of Object.entries($defs ?? {})) schemas[`${name}.${def}`] = rewriteRefs(sub, name);
  }
  return schemas;
}

/** The inverse of componentRef: `#/components/schemas/resources.submission` → `resources.schema.json#/$defs/submission`. */
export function schemaFileRef(ref: string): string {
  const m = /^#\/components\/schemas\/([a-z0-9-]+)(?:\.([A-Za-z0-9_-]+))?(\/.*)?$/.exec(ref);
  if (!m) throw new Error(`${ref} is not a hoisted schema`);
  const pointer = `${m[2] ? `/$defs/${m[2]}` : ''}${m[3] ?? ''}`;
  return `${m[1]}.schema.json${pointer ? `#${pointer}` : ''}`;
}

/** Drops the schema components nothing outside components.schemas reaches (e.g. the rule-pack file's root). */
export function dropUnreferencedSchemas(doc: Json): void {
  const components = doc.components as Json & { schemas: Json };
  const prefix = '#/components/schemas/';
  const reached = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(prefix)) {
        const name = v.slice(prefix.length).split('/')[0]!;
        if (!reached.has(name)) {
          reached.add(name);
          walk(components.schemas[name]);
        }
      } else walk(v);
    }
  };
  walk({ ...doc, components: { ...components, schemas: {} } });
  for (const name of Object.keys(components.schemas)) if (!reached.has(name)) delete components.schemas[name];
}

/**
 * Moves each request body to components.requestBodies (named after its schema) with the schema
 * written in place instead of referring to its component: code generators (openapi-typescript)
 * treat a property with a `default` as always present except in request bodies, so a
 * defaulted request field stays optional in generated clients. Run after examples are added.
 */
export function hoistRequestBodies(doc: Json): void {
  const components = doc.components as Json;
  const schemas = components.schemas as Json;
  const bodies = ((components.requestBodies as Json | undefined) ?? {}) as Json;
  for (const ops of Object.values((doc.paths ?? {}) as Record<string, Json>)) {
    for (const op of Object.values(ops) as Json[]) {
      const body = op?.requestBody as Json | undefined;
      const media = (body?.content as Record<string, Json> | undefined)?.['application/json'];
      const ref = (media?.schema as Json | undefined)?.$ref;
      const name = typeof ref === 'string' ? /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1] : undefined;
      if (!body || !media || !name || !schemas[name]) continue;
      if (!bodies[name]) bodies[name] = { ...body, content: { ...(body.content as Json), 'application/json': { ...media, schema: structuredClone(schemas[name]) } } };
      op.requestBody = { $ref: `#/components/requestBodies/${name}` };
    }
  }
  components.requestBodies = bodies;
}
