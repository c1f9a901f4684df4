/**
 * Generates TypeScript types from schemas/*.schema.json into src/schema-types/ (one file per
 * schema plus an index), so the schemas stay the only source of the shapes they define:
 *   npm run schema-types
 * test/schema-types/fresh.test.ts regenerates in memory (`--print`) and fails on any file that differs.
 *
 * Names: a schema's root type is its file name in PascalCase (decision-record → DecisionRecord);
 * each `$defs` entry is that name followed by the key (facts.schema.json#/$defs/date → FactsDate),
 * so names never collide across files. A `$ref` to another file becomes an import of the type the
 * other file declares, instead of a copy of it.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

type Json = Record<string, unknown>;

const ROOT = join(__dirname, '..');
export const SCHEMAS = join(ROOT, 'schemas');
export const OUT = join(ROOT, 'src', 'schema-types');
const SUFFIX = '.schema.json';

/** Keywords holding data, never a schema: nothing under them is renamed or rewritten. */
const DATA_KEYS = new Set(['enum', 'const', 'default', 'examples', 'example', 'x-identity']);
/** Keywords that say what kind of value is valid: a schema with none of them (`not` alone says only what is not) is `unknown`. */
const SHAPING = new Set(['type', 'properties', 'patternProperties', 'additionalProperties', 'items', 'prefixItems', 'enum', 'const', 'oneOf', 'anyOf', 'allOf', 'required', 'tsType']);
/** Keywords whose value is a map of names to schemas (the names are not keywords). */
const SCHEMA_MAPS = new Set(['properties', '$defs', 'patternProperties', 'dependentSchemas']);

export function stemOf(file: string): string {
  return file.slice(0, -SUFFIX.length);
}

function pascal(words: string): string {
  return words
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** The type name of a node of a schema file, addressed by a JSON pointer ('' for the root). */
export function typeName(file: string, pointer: string): string {
  const segments = pointer
    .split('/')
    .filter((s) => s && s !== '$defs' && s !== 'properties')
    .map((s) => pascal(s.replace(/~1/g, '/').replace(/~0/g, '~')));
  return pascal(stemOf(file)) + segments.join('');
}

function splitRef(ref: string): { file: string; pointer: string } {
  const [file, fragment = ''] = ref.split('#');
  return { file, pointer: fragment };
}

/** Every `$ref`'s target, as `file#pointer`, across all schemas: the nodes to name. */
function refTargets(docs: ReadonlyMap<string, Json>): Set<string> {
  const targets = new Set<string>();
  let self = '';
  const visit = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n));
    if (!node || typeof node !== 'object' || (key && DATA_KEYS.has(key))) return;
    for (const [k, v] of Object.entries(node as Json)) {
      if (k === '$ref' && typeof v === 'string') {
        const { file, pointer } = v.startsWith('#') ? { file: self, pointer: v.slice(1) } : splitRef(v);
        if (!docs.has(file)) throw new Error(`schemas/${self}: $ref ${v}: no schemas/${file}`);
        targets.add(`${file}#${pointer}`);
      } else if (SCHEMA_MAPS.has(k) && v && typeof v === 'object') {
        for (const sub of Object.values(v as Json)) visit(sub);
      } else visit(v, k);
    }
  };
  for (const [file, doc] of docs) {
    self = file;
    visit(doc);
  }
  return targets;
}

/**
 * The copy of one schema handed to the compiler: titles and descriptions become comments, only the
 * root, its `$defs` and the nodes other files refer to get names, and a `$ref` to another file is
 * replaced by the name of the type that file declares (collected in `imports`).
 */
function prepare(file: string, doc: Json, targets: ReadonlySet<string>, imports: Map<string, Set<string>>): Json {
  const walk = (node: unknown, pointer: string, key?: string): unknown => {
    if (Array.isArray(node)) return node.map((n, i) => walk(n, `${pointer}/${i}`));
    if (!node || typeof node !== 'object' || (key && DATA_KEYS.has(key))) return node;
    const src = node as Json;
    const out: Json = {};
    for (const [k, v] of Object.entries(src)) {
      if (k === 'title' || k === 'description' || k === '$id' || k === '$schema' || k === 'examples') continue;
      if (k === 'if' && 'then' in src && 'else' in src) continue;
      if ((k === 'then' || k === 'else') && 'if' in src) {
        // The compiler does not read if/then/else: a value matches one branch or the other.
        out.anyOf = [...((out.anyOf as unknown[]) ?? []), walk(v, `${pointer}/${k}`, k)];
      } else if (k === '$ref' && typeof v === 'string') {
        // Every `$ref` names the type of its target: the compiler would copy (and rename) a target
        // whose `$ref` carries a title or description of its own.
        const target = v.startsWith('#') ? { file, pointer: v.slice(1) } : splitRef(v);
        const name = typeName(target.file, target.pointer);
        const from = stemOf(target.file);
        if (!imports.has(from)) imports.set(from, new Set());
        imports.get(from)!.add(name);
        out.tsType = name;
      } else if (SCHEMA_MAPS.has(k) && v && typeof v === 'object') {
        out[k] = Object.fromEntries(Object.entries(v as Json).map(([name, sub]) => [name, walk(sub, `${pointer}/${k}/${name}`)]));
      } else {
        out[k] = walk(v, `${pointer}/${k}`, k);
      }
    }
    const comment = [src.title, src.description].filter((t): t is string => typeof t === 'string').join('\n\n');
    if (comment) out.description = comment;
    // Only annotations: any value is valid (the compiler would say an object). The root of a file
    // of `$defs` only stays an object here, or the compiler would skip its `$defs`: see containerRoot.
    if (pointer !== '' && !Object.keys(out).some((k) => SHAPING.has(k))) out.tsType = 'unknown';
    const named = pointer === '' || /^\/\$defs\/[^/]+$/.test(pointer) || targets.has(`${file}#${pointer}`);
    if (named) out.title = typeName(file, pointer);
    return out;
  };
  return walk(doc, '') as Json;
}

/** A file holding only `$defs` (resources, webhooks…): its root schema accepts any value. */
function containerRoot(doc: Json): boolean {
  return !Object.keys(doc).some((k) => SHAPING.has(k));
}

/** Declares a container file's root type as what its schema accepts: any value. */
function anyValueRoot(compiled: string, name: string): string {
  const object = `export interface ${name} {\n  [k: string]: unknown;\n}`;
  if (!compiled.includes(object)) throw new Error(`${name}: the compiler no longer declares a root of $defs only as ${JSON.stringify(object)}`);
  return compiled.replace(object, `export type ${name} = unknown;`);
}

function banner(file: string): string {
  return `/* Generated from schemas/${file} by \`npm run schema-types\` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */`;
}

/** The generated files, by file name in src/schema-types/, in a fixed order. */
export async function generateSchemaTypes(dir: string = SCHEMAS): Promise<Map<string, string>> {
  const files = readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).sort();
  const docs = new Map<string, Json>(files.map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json]));
  const targets = refTargets(docs);
  const out = new Map<string, string>();
  for (const file of files) {
    const imports = new Map<string, Set<string>>();
    const schema = prepare(file, docs.get(file)!, targets, imports);
    const compiled = await compile(schema as JSONSchema, typeName(file, ''), {
      bannerComment: '',
      // A `$ref` to another file is an import by now; refuse to read anything else.
      $refOptions: { resolve: { external: false } },
      cwd: dir,
      declareExternallyReferenced: true,
      // As in JSON Schema: an object that does not say `additionalProperties: false` allows other fields.
      additionalProperties: true,
      unknownAny: true,
      unreachableDefinitions: true,
      // As the rest of the code reads maps (tsconfig has no noUncheckedIndexedAccess).
      strictIndexSignatures: false,
      // minItems/maxItems stay validation: a bounded array is an array, not a union of tuples.
      maxItems: -1,
      ignoreMinAndMaxItems: true,
      format: true,
      style: { singleQuote: true, printWidth: 120, trailingComma: 'all', endOfLine: 'lf' },
    });
    const root = typeName(file, '');
    const body = containerRoot(docs.get(file)!) ? anyValueRoot(compiled, root) : compiled;
    const importLines = [...imports.keys()]
      .filter((from) => from !== stemOf(file))
      .sort()
      .map((from) => `import type { ${[...imports.get(from)!].sort().join(', ')} } from './${from}';`);
    out.set(`${stemOf(file)}.ts`, [banner(file), '', ...importLines, ...(importLines.length ? [''] : []), body.trim(), ''].join('\n'));
  }
  const index = files.map((f) => `export type * from './${stemOf(f)}';`);
  out.set('index.ts', [`/* Generated by \`npm run schema-types\` (scripts/schema-types.ts): every type of src/schema-types/. Do not edit. */`, '', ...index, ''].join('\n'));
  return out;
}

/** Writes the generated files and removes any left from a schema that no longer exists. */
export async function writeSchemaTypes(outDir: string = OUT): Promise<string[]> {
  const generated = await generateSchemaTypes();
  if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
  for (const stale of readdirSync(outDir).filter((f) => f.endsWith('.ts') && !generated.has(f))) unlinkSync(join(outDir, stale));
  for (const [name, text] of generated) writeFileSync(join(outDir, name), text);
  return [...generated.keys()];
}

if (require.main === module) {
  // `--print [schemas dir]`: the files as JSON on stdout, written nowhere (the freshness test reads it).
  const [flag, dir] = process.argv.slice(2);
  const run =
    flag === '--print'
      ? generateSchemaTypes(dir).then((files) => void process.stdout.write(JSON.stringify(Object.fromEntries(files))))
      : writeSchemaTypes().then((names) => console.log(`src/schema-types/: ${names.length} files`));
  run.catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
