import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { RULES_DIR } from '../../paths';

/**
 * Where a path given on the command line lies in a rules folder: the folder (the nearest one
 * holding jurisdictions.json, since packs are checked together) and, when the path names one
 * program (its folder or its pack.json), that program's key.
 */
export function locateRules(path: string | undefined): { dir: string; program?: string } {
  if (path === undefined) return { dir: RULES_DIR };
  let target = resolve(path);
  if (!existsSync(target)) throw new Error(`${path} does not exist`);
  if (statSync(target).isFile()) {
    if (basename(target) !== 'pack.json' && basename(target) !== 'cases.json') throw new Error(`${path} is neither a rules folder, a program folder nor a pack.json`);
    target = dirname(target);
  }
  let dir = target;
  while (!existsSync(join(dir, 'jurisdictions.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`${path} is not inside a rules folder (a folder with jurisdictions.json and <jurisdiction>/<program>/pack.json)`);
    dir = up;
  }
  if (dir === target) return { dir };
  const key = relative(dir, target).split(sep).join('/');
  if (!existsSync(join(target, 'pack.json'))) throw new Error(`${path} holds no pack.json`);
  return { dir, program: key };
}

export function packFile(dir: string, program: string): string {
  if (!/^(CN|[0-9]{6})\/[a-z][a-z0-9-]*$/.test(program)) throw new Error(`${program} is not a program key (jurisdiction/name, e.g. 320500/loan-interest-subsidy)`);
  const file = join(dir, ...program.split('/'), 'pack.json');
  if (!existsSync(file)) throw new Error(`no program ${program} (${relative(process.cwd(), file)} does not exist)`);
  return file;
}
