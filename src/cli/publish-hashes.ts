/**
 * Records the content hash of every published version that has none yet (a version just
 * changed from draft to published). It never rewrites a recorded hash: a published version
 * whose content changed stays refused at load, as it must.
 *   npm run rules:publish [-- <jurisdiction/name> ...]
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Command } from 'commander';
import { versionContentHash } from '../rules/content-hash';
import type { RulePack } from '../rules/pack-types';
import { PROJECT_ROOT, RULES_DIR } from '../paths';

function packFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return packFiles(path);
    return name === 'pack.json' ? [path] : [];
  });
}

const positionals = new Command('rules:publish')
  .description('record the content hash of every published version that has none yet; a recorded hash is never rewritten')
  .argument('[programs...]', 'program keys, e.g. 320500/loan-interest-subsidy (default: all)')
  .showHelpAfterError()
  .parse(process.argv).args;
const packs = packFiles(RULES_DIR);
const pathOf = (key: string) => `${sep}${key.split('/').join(sep)}${sep}pack.json`;
for (const key of positionals) {
  if (!packs.some((file) => file.endsWith(pathOf(key)))) {
    console.error(`error: no program ${key} (rules/${key}/pack.json does not exist)`);
    process.exit(1);
  }
}
const wanted = (file: string) => positionals.length === 0 || positionals.some((key) => file.endsWith(pathOf(key)));

for (const file of packs.filter(wanted)) {
  const pack = JSON.parse(readFileSync(file, 'utf8')) as RulePack;
  let changed = false;
  for (const v of pack.versions) {
    if (v.status === 'published' && !v.contentHash) {
      v.contentHash = versionContentHash(v);
      changed = true;
      console.log(`${relative(PROJECT_ROOT, file)}: version ${v.version} published as ${v.contentHash}`);
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(pack, null, 2) + '\n');
}
