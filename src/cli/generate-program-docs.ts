/** Writes docs/programs.md from the rule packs (or, with --check, fails when it is stale). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { renderProgramDocs } from '../docs/program-docs';
import { PROJECT_ROOT } from '../paths';
import { runCli } from './run';

const FILE = join(PROJECT_ROOT, 'docs', 'programs.md');

const program = new Command('docs:programs')
  .description('write docs/programs.md from rules/**/pack.json')
  .option('--check', 'write nothing; exit 1 when docs/programs.md differs from what the packs give')
  .showHelpAfterError()
  .action((o: { check?: boolean }) => {
    const text = renderProgramDocs();
    if (o.check) {
      let current = '';
      try {
        current = readFileSync(FILE, 'utf8');
      } catch {
        // missing: stale
      }
      if (current !== text) {
        console.error('docs/programs.md is stale: run npm run docs:programs');
        process.exitCode = 1;
      }
      return;
    }
    writeFileSync(FILE, text);
    console.log(`wrote ${FILE}`);
  });

runCli(program);
