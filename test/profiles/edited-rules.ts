import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fit, type CapLedgers } from '../../src/adjudication/ledgers';
import { loadCatalog, type ProgramCatalog } from '../../src/rules/catalog';
import { versionContentHash } from '../../src/rules/content-hash';
import { RULES_DIR } from '../../src/paths';
import type { SchemaRegistry } from '../../src/validation/schema-registry';

/** The shipped catalog with one version of one pack edited (its content hash recorded again). */
export function catalogWithVersion(registry: SchemaRegistry, key: string, version: string, edit: (v: Record<string, unknown>) => void): ProgramCatalog {
  const dir = mkdtempSync(join(tmpdir(), 'rules-'));
  try {
    cpSync(RULES_DIR, dir, { recursive: true });
    const file = join(dir, key, 'pack.json');
    const pack = JSON.parse(readFileSync(file, 'utf8'));
    const v = pack.versions.find((x: { version: string }) => x.version === version);
    edit(v);
    v.contentHash = versionContentHash(v);
    writeFileSync(file, JSON.stringify(pack));
    return loadCatalog(registry, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Ledgers with room for everything, holding nothing. */
export const ROOMY: CapLedgers = {
  take: async (t) => ({ usedBefore: 0, granted: fit(t, 0), reused: false }),
  giveBack: async () => undefined,
};
