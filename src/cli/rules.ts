/**
 * The policy staff's command line for rule packs:
 *   npm run rules -- validate [path]                    schema and engine checks, every error with file and JSON pointer
 *   npm run rules -- test [path]                        the case files
 *   npm run rules -- new-version <program> --from <date> a new draft copied from the latest version
 *   npm run rules -- diff <program> <v1> <v2>           what differs, in words
 *   npm run rules -- simulate <program> <version> …     a version against stored applications
 * Each subcommand answers --help.
 */
import { Command } from 'commander';
import { RULES_DIR } from '../paths';
import { SchemaRegistry } from '../validation/schema-registry';
import { runCli } from './run';
import { testCases } from './rules/test';
import { validateAll } from './rules/validate';
import { diff, newVersion } from './rules/versions';
import { simulateCommand } from './rules/simulate';

const program = new Command('rules')
  .description('rule packs for policy staff: validate, test, add a version, compare versions, simulate against stored applications')
  .showHelpAfterError();
const rulesOption = ['--rules <dir>', 'the rules folder', RULES_DIR] as const;

program
  .command('validate')
  .description('check every pack (or the one named) against the schema and the engine: unknown facts and operators, undefined parameters, overlapping or gapped version dates, published versions edited after publication; exit 1 on any error')
  .argument('[paths...]', 'rules folders, program folders or pack.json files (default: rules/)')
  .action((paths: string[]) => {
    process.exitCode = validateAll(new SchemaRegistry(), paths);
  });

program
  .command('test')
  .description("run the packs' case files (cases.json) without a database; each failing case with its expected and actual outcome, amount and first differing step; exit 1 when one fails")
  .argument('[path]', 'a rules folder, a program folder or a pack.json (default: rules/)')
  .action(async (path: string | undefined) => {
    process.exitCode = await testCases(new SchemaRegistry(), path);
  });

program
  .command('new-version')
  .description('add a draft version to a program: a copy of its latest version, effective from the given date; edit only what changes')
  .argument('<program>', 'program key, e.g. 320500/loan-interest-subsidy')
  .requiredOption('--from <date>', 'the first day the new version is in force (YYYY-MM-DD); also its label')
  .option(...rulesOption)
  .action((key: string, o: { from: string; rules: string }) => {
    process.exitCode = newVersion(o.rules, key, o.from);
  });

program
  .command('diff')
  .description('say in words what differs between two versions of a program: dates, parameters, conditions, steps, caps, claim, defaults')
  .argument('<program>', 'program key, e.g. 320500/loan-interest-subsidy')
  .argument('<v1>', 'the earlier version label')
  .argument('<v2>', 'the later version label')
  .option(...rulesOption)
  .action((key: string, v1: string, v2: string, o: { rules: string }) => {
    process.exitCode = diff(o.rules, key, v1, v2);
  });

simulateCommand(program, rulesOption);

runCli(program);
