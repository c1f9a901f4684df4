import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { diffVersions } from '../../rules/pack-diff';
import { addDraftVersion } from '../../rules/new-version';
import type { RulePack } from '../../rules/pack-types';
import { packFile } from './locate';

/** Copies the latest version of a program into a new draft starting on `from`; writes the pack. */
export function newVersion(dir: string, program: string, from: string): number {
  const file = packFile(dir, program);
  const pack = JSON.parse(readFileSync(file, 'utf8')) as RulePack;
  const draft = addDraftVersion(pack, from);
  writeFileSync(file, JSON.stringify(pack, null, 2) + '\n');
  console.log(`${relative(process.cwd(), file)}: new draft version ${draft.version}, effective from ${draft.effectiveFrom}, copied from the latest version.`);
  console.log(`Edit what changes, check it with npm run rules -- validate and npm run rules -- test, then set "status": "published" and run npm run rules:publish.`);
  console.log(`已新增草稿版本 ${draft.version}（自 ${draft.effectiveFrom} 起生效），内容复制自最新版本；只需修改变化的部分。`);
  return 0;
}

/** Prints, in words, what differs between two versions of a program. */
export function diff(dir: string, program: string, v1: string, v2: string): number {
  const file = packFile(dir, program);
  const pack = JSON.parse(readFileSync(file, 'utf8')) as RulePack;
  const find = (label: string) => {
    const v = pack.versions.find((x) => x.version === label);
    if (!v) throw new Error(`${program} has no version ${label} (versions: ${pack.versions.map((x) => x.version).join(', ')})`);
    return v;
  };
  const changes = diffVersions(find(v1), find(v2));
  console.log(`${program}: version ${v1} → ${v2}, ${changes.length} difference(s) / ${changes.length} 处不同`);
  for (const c of changes) console.log(`- ${c.en}\n  ${c.zh}`);
  return 0;
}
