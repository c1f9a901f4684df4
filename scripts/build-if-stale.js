#!/usr/bin/env node
// Compiles the service (tsc -p tsconfig.build.json, incremental) only when a source is newer
// than the last build: `npm start` after `npm install` (which builds) starts without compiling.
// --check only says whether it would compile.
'use strict';
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');
const newest = (path) => {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs);
};
const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((p) => join(root, p)).filter(existsSync);
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : -1;
const fresh = built >= Math.max(...inputs.map(newest)) && existsSync(join(root, 'dist', 'server.js'));
if (process.argv.includes('--check')) {
  // reports only: a test checks the decision without compiling
  console.log(fresh ? 'up to date' : 'stale');
  process.exit(0);
}
if (fresh) process.exit(0);
console.error('compiling the service (tsc -p tsconfig.build.json)…');
const started = Date.now();
const tsc = require.resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
writeFileSync(stamp, new Date().toISOString() + '\n');
console.error(`compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
