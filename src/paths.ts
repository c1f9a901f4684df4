import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project's top folder (where package.json is), from source or from dist/. */
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${start}`);
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(__dirname);
export const RULES_DIR = join(PROJECT_ROOT, 'rules');
export const SCHEMAS_DIR = join(PROJECT_ROOT, 'schemas');
export const OPENAPI_DIR = join(PROJECT_ROOT, 'openapi');
