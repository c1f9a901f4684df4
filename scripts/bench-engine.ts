/**
 * npm run bench:engine — the engine's figures, each a ratio measured side by side in one run
 * (other load on the machine perturbs absolute figures, not ratios), printed with its target:
 *   1. full adjudication (compiled, with explanation) vs a naive json-rules-engine baseline
 *      (a new Engine per application, stock operators, eligibility only), and the reference path;
 *   2. vs GoRules ZEN (@gorules/zen-engine) on decision tables for the programs a table can
 *      express, decisions compared in the same run;
 *   3. HTTP eligibility checks vs a bare Express 5 endpoint with the same body and answer;
 *   4. bulk re-adjudication (simulation) in process, applications/s on one core;
 *   0. RSS after 100,000 vs 10,000 eligibility checks (first, before the other parts fill the heap).
 * BENCH_SCALE (default 1) scales the sizes; BENCH_SKIP_HTTP=1 skips part 3.
 */
import { cpus, totalmem } from 'node:os';
import { sampleApplications } from '../src/engine/samples';
import { loadCatalog } from '../src/rules/catalog';
import { readCaseFile } from '../src/rules/case-runner';
import { SchemaRegistry } from '../src/validation/schema-registry';
import type { EligibilityRequest } from '../src/service/eligibility';
import { httpFigures } from './bench/http';
import { bulkFigures, memoryFigures } from './bench/memory';
import { engineFigures, zenFigures } from './bench/peers';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const n = (x: number) => Math.max(100, Math.round(x * scale));
const registry = new SchemaRegistry();
const catalog = loadCatalog(registry);
const files = catalog.all().map((p) => readCaseFile(registry, p.key));

const verdicts: string[] = [];
function target(name: string, figure: number, wanted: number, unit: string, holds = figure >= wanted) {
  const line = `${holds ? 'HOLDS ' : 'MISSES'}  ${name}: ${figure.toFixed(2)}${unit} (target ${unit === '×' ? '≥ ' : ''}${wanted}${unit})`;
  verdicts.push(line);
  console.log(line);
}
const rate = (x: number) => `${Math.round(x).toLocaleString('en')}/s`;

const profile: EligibilityRequest = {
  beneficiary: { uscc: '91320594MA1N6QYX2B', name: '苏州纳微生物科技有限公司', jurisdiction: '320571' },
  applicationDate: '2025-03-15',
  facts: {
    subsidyYear: 2024, independentLegalPerson: true, seriousDishonestyInLast3Years: false, enrolledOnTechFinancePlatform: true, loanFiledWithProgram: true,
    qualifications: ['high-tech'], interestPaid: '400000', guaranteeFeesPaid: '50000',
    employees: 120, techStaff: 40, annualRevenue: '60000000', totalAssets: '90000000', totalCost: '50000000', rdExpense: '4000000',
    classOneIpCount: 1, classTwoIpCount: 0, onSeriousDishonestyList: false, onAbnormalOperationList: false,
    holdsHighTechCertificate: false, nationalAwardTop3InLast5Years: false, hasProvincialRdInstitution: false, ledStandardInLast5Years: false,
  },
};

async function main() {
  const started = Date.now();
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; scale ${scale}`);

  console.log(`\n0. memory (measured first, before the other parts fill the heap): eligibility checks in process, each for a different enterprise (${profile.beneficiary.jurisdiction} chain)`);
  const m = await memoryFigures(catalog, profile, n(100_000));
  const mib = (x: number) => (x / 2 ** 20).toFixed(1);
  console.log(`   RSS after 10,000: ${mib(m.at10k.rss)} MiB, after ${n(100_000).toLocaleString('en')}: ${mib(m.at100k.rss)} MiB; heap used ${mib(m.at10k.heap)} → ${mib(m.at100k.heap)} MiB${m.gcExposed ? ' (after a full GC)' : ' (run with --expose-gc for a GC first)'}`);
  const growth = (100 * (m.at100k.rss - m.at10k.rss)) / m.at10k.rss;
  target('RSS growth from 10,000 to 100,000 checks', growth, 10, '%', growth <= 10);

  const samples = sampleApplications(catalog, files, n(6000), 20251128);
  console.log(`\n1. engine in process: ${samples.length} synthetic applications over ${files.length} programs (perturbed from the case files)`);
  const e = await engineFigures(catalog, samples, 3);
  console.log(`   naive json-rules-engine ${rate(e.rates.naive!)}, compiled full adjudication ${rate(e.rates.compiled!)}, reference full adjudication ${rate(e.rates.reference!)}, compiled conditions step alone ${rate(e.rates.conditions!)}`);
  console.log(`   compiled and reference decisions differ on ${e.differ} of ${samples.length}`);
  target('full adjudication with explanation vs naive json-rules-engine', e.rates.compiled! / e.rates.naive!, 5, '×');
  console.log(`   (for reference: reference path ${(e.rates.reference! / e.rates.naive!).toFixed(2)}× naive; compiled conditions step ${(e.rates.conditions! / e.rates.naive!).toFixed(2)}× naive; compiled ${(e.rates.compiled! / e.rates.reference!).toFixed(2)}× reference)`);

  console.log(`\n2. vs GoRules ZEN (sequential evaluate, one decision table per version)`);
  const z = await zenFigures(catalog, registry, samples, 3);
  console.log(`   programs a table expresses: ${z.programs.join(', ')}; ${z.compared} valid applications with a decidable eligibility`);
  console.log(`   ZEN ${rate(z.rates.zen!)}, compiled full adjudication ${rate(z.rates.compiled!)}, compiled conditions step ${rate(z.rates.conditions!)}; decisions differing: ${z.mismatches}, ZEN errors: ${z.errors}`);
  target('full adjudication vs ZEN, identical decisions', z.rates.compiled! / z.rates.zen!, 1, '×', z.rates.compiled! >= z.rates.zen! && z.mismatches === 0 && z.errors === 0);

  if (process.env.BENCH_SKIP_HTTP !== '1') {
    console.log(`\n3. HTTP eligibility checks (autocannon, 10 connections, interleaved runs)`);
    const h = await httpFigures(profile, Math.max(3, Math.round(8 * scale)));
    console.log(`   one enterprise, ${h.programs} programs; answer ${h.bytes.full} bytes (full), ${h.bytes.summary} bytes (summary)`);
    for (const [k, v] of Object.entries(h.runs)) console.log(`   ${k}: ${v.rps.toFixed(0)} req/s${v.non2xx ? `, ${v.non2xx} non-2xx` : ''}`);
    target('eligibility checks (explain=full) vs bare Express', (100 * h.runs.serviceFull.rps) / h.runs.bareFull.rps, 50, '%');
    target('eligibility checks (explain=summary) vs bare Express', (100 * h.runs.serviceSummary.rps) / h.runs.bareSummary.rps, 70, '%');
  }

  console.log(`\n4. bulk re-adjudication (simulation: estimates, nothing reserved), one thread`);
  const stored = sampleApplications(catalog, files, n(20_000), 7);
  const b = await bulkFigures(catalog, stored);
  console.log(`   ${stored.length} applications: ${rate(b.perSecond)} wall, ${rate(b.perCpuSecond)} per CPU-second`);
  target('bulk re-adjudication per core', b.perCpuSecond, 20_000, '/s');

  console.log(`\nsummary (${((Date.now() - started) / 1000).toFixed(0)} s):`);
  for (const v of verdicts) console.log(`  ${v}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
