import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';

const script = join(PROJECT_ROOT, 'scripts', 'build-if-stale.js');
const check = () => execFileSync(process.execPath, [script, '--check'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();

it('npm start compiles only when a source is newer than the last build', () => {
  const stamp = join(PROJECT_ROOT, 'dist', '.build-stamp');
  const server = join(PROJECT_ROOT, 'dist', 'server.js');
  // files this test creates are removed after it, so a later npm start still compiles
  const created = [server, stamp].filter((f) => !existsSync(f));
  mkdirSync(join(PROJECT_ROOT, 'dist'), { recursive: true });
  if (created.includes(server)) writeFileSync(server, '');
  const source = join(PROJECT_ROOT, 'src', 'paths.ts');
  const { atime, mtime } = statSync(source);
  const stampTime = existsSync(stamp) ? statSync(stamp).mtime : undefined;
  try {
    writeFileSync(stamp, 'test\n');
    utimesSync(stamp, new Date(Date.now() + 60000), new Date(Date.now() + 60000));
    expect(check()).toBe('up to date');
    utimesSync(source, atime, new Date(Date.now() + 120000));
    expect(check()).toBe('stale');
  } finally {
    utimesSync(source, atime, mtime);
    if (stampTime) utimesSync(stamp, stampTime, stampTime);
    for (const f of created) rmSync(f, { force: true });
  }
});
