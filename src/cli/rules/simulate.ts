import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../config';
import { openEmbedded } from '../../embedded-instance/instance-file';
import { loadCatalog } from '../../rules/catalog';
import { simulate, type SimulationReport, type SimulationRequest } from '../../simulation/simulate';
import { connectDatabase } from '../../store/database';
import { simulationSource } from '../../store/simulation-source';
import { SchemaRegistry } from '../../validation/schema-registry';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const date = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('must be a date, YYYY-MM-DD');
  return value;
};
/** --fact name=value: the value as JSON when it parses (numbers, booleans), else as text. */
function facts(pairs: string[]): Record<string, unknown> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new InvalidArgumentError(`--fact ${pair}: write name=value`);
      const raw = pair.slice(at + 1);
      let value: unknown = raw;
      try {
        value = JSON.parse(raw);
      } catch {
        // text
      }
      return [pair.slice(0, at), value];
    }),
  );
}

function print(r: SimulationReport): void {
  console.log(`${r.request.program} version ${r.version.version} (${r.version.status}) against ${r.applications} stored application(s) of ${r.request.sourcePrograms.join(', ')} dated ${r.request.from} to ${r.request.to}`);
  console.log(`changed outcomes: ${r.changedOutcomes}; changed amounts: ${r.changedAmounts}; outcomes after: ${JSON.stringify(r.outcomesAfter)}`);
  console.log(`total before ${r.totalBefore}, after ${r.totalAfter}, change ${r.delta} yuan; budget needed ${r.budgetNeeded} yuan`);
  console.log(`变化结果 ${r.changedOutcomes} 件；测算前合计 ${r.totalBefore} 元，测算后 ${r.totalAfter} 元，变化 ${r.delta} 元；所需预算 ${r.budgetNeeded} 元`);
  for (const b of r.budgets) console.log(`budget ${b.cap} ${b.ledger}: held ${b.usedAtStart} at the start, ${b.usedAtEnd} at the end`);
  for (const j of r.byJurisdiction) console.log(`  ${j.jurisdiction}: ${j.applications} application(s), ${j.changedOutcomes} changed, ${j.before} → ${j.after} (${j.delta})`);
  for (const s of r.sample as { applicationId: string; before: { outcome: string; amount: string | null }; after: { outcome: string; amount: string | null; explanation: { summary: { en: string } } } }[]) {
    console.log(`  e.g. ${s.applicationId}: ${s.before.outcome} ${s.before.amount ?? '-'} → ${s.after.outcome} ${s.after.amount ?? '-'}: ${s.after.explanation.summary.en}`);
  }
}

/** `rules simulate`: a version against the stored applications of a period, on the service database; nothing is written. */
export function simulateCommand(program: Command, rulesOption: readonly [string, string, string]): void {
  program
    .command('simulate')
    .description('evaluate a version (a draft or a new one) against the stored applications of a period, on MONGODB_URI or the embedded database on DATA_DIR, writing nothing: changed outcomes, totals before and after, per jurisdiction, the budget needed, a sample')
    .argument('<program>', 'program key, e.g. 320500/loan-interest-subsidy')
    .argument('<version>', 'the version label to evaluate, e.g. a draft made with new-version')
    .requiredOption('--from <date>', 'first application date of the period (YYYY-MM-DD)', date)
    .requiredOption('--to <date>', 'last application date of the period (YYYY-MM-DD)', date)
    .option('--source-program <program>', "programs whose stored applications supply the facts (default: the program itself); repeatable", collect)
    .option('--fact <name=value>', 'a fact set on every application, e.g. incentiveYear=2025; repeatable', collect)
    .option('--sample <n>', 'changed applications to show', (v) => Number.parseInt(v, 10), 5)
    .option('--json', 'print the whole report as JSON (with the sample explanations)')
    .option(...rulesOption)
    .action(async (key: string, version: string, o: { from: string; to: string; sourceProgram?: string[]; fact?: string[]; sample: number; json?: boolean; rules: string }) => {
      const catalog = loadCatalog(new SchemaRegistry(), o.rules);
      const request: SimulationRequest = { program: key, version, from: o.from, to: o.to, ...(o.sourceProgram ? { sourcePrograms: o.sourceProgram } : {}), ...(o.fact ? { facts: facts(o.fact) } : {}), sample: o.sample };
      const config = loadConfig();
      const embedded = config.mongodbUri ? undefined : await openEmbedded(config.ferretDbBinary, config.dataDir, 'subsidies');
      try {
        const db = await connectDatabase(config.mongodbUri ?? embedded!.uri, config.writeConcern);
        try {
          const report = await simulate(catalog, simulationSource(db.models), request, (p) => {
            if (!o.json) process.stderr.write(`\r${p.phase}: ${p.scanned} scanned, ${p.matched} matched, ${p.evaluated} evaluated`);
          });
          if (!o.json) process.stderr.write('\n');
          if (o.json) console.log(JSON.stringify(report, null, 2));
          else print(report);
        } finally {
          await db.close();
        }
      } finally {
        await embedded?.release();
      }
    });
}
