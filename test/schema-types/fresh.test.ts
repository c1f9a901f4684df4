import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SCHEMAS = join(ROOT, 'schemas');
const OUT = join(ROOT, 'src', 'schema-types');

/**
 * What `npm run schema-types` would write for these schemas, generated in memory. In a child
 * process: the generator formats with prettier 3, whose dynamic imports jest's VM refuses.
 */
function generate(schemas: string = SCHEMAS): Map<string, string> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'schema-types.ts'), '--print', schemas], { cwd: ROOT, encoding: 'utf8', timeout: 120000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`schema-types --print failed: ${r.stderr}`);
  return new Map(Object.entries(JSON.parse(r.stdout) as Record<string, string>));
}

/** The files in src/schema-types/ that differ from what the schemas generate, by name. */
function staleFiles(generated: ReadonlyMap<string, string>): string[] {
  const committed = readdirSync(OUT).filter((f) => f.endsWith('.ts'));
  const names = [...new Set([...committed, ...generated.keys()])].sort();
  return names.filter((name) => !committed.includes(name) || generated.get(name) !== readFileSync(join(OUT, name), 'utf8'));
}

describe('src/schema-types/ is generated from schemas/', () => {
  it('matches what `npm run schema-types` writes, file by file', () => {
    const generated = generate();
    expect(generated.size).toBe(readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json')).length + 1);
    // A schema edited without regenerating names its file here: run `npm run schema-types`.
    expect(staleFiles(generated)).toEqual([]);
  });

  it('names the file a schema edit makes stale, and only that one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-types-'));
    try {
      cpSync(SCHEMAS, dir, { recursive: true });
      const file = join(dir, 'correction-request.schema.json');
      const schema = JSON.parse(readFileSync(file, 'utf8')) as { description: string };
      schema.description += ' (edited)';
      writeFileSync(file, JSON.stringify(schema));
      expect(staleFiles(generate(dir))).toEqual(['correction-request.ts']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
