import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Explanation } from '../../adjudication/explanation';
import { loadCatalog } from '../../rules/catalog';
import { readCaseFile, runCase, type PackCase } from '../../rules/case-runner';
import type { SchemaRegistry } from '../../validation/schema-registry';
import { locateRules } from './locate';

type Step = Explanation['calculation'][number];

/** The first step of the explanation (in the order it was computed) whose result the case expects otherwise. */
function firstDifferingStep(explanation: Explanation, c: PackCase): string | undefined {
  const expected = c.expect.steps ?? {};
  const steps: Step[] = [...explanation.dependencies.flatMap((d) => d.explanation.calculation), ...explanation.calculation];
  for (const s of steps) {
    if (s.id in expected && JSON.stringify(s.result) !== JSON.stringify(expected[s.id])) {
      return `step ${s.id} (${s.expression}): expected ${JSON.stringify(expected[s.id])}, actual ${JSON.stringify(s.result)} from ${JSON.stringify(s.inputs)}`;
    }
  }
  for (const id of Object.keys(expected)) if (!steps.some((s) => s.id === id)) return `step ${id}: expected ${JSON.stringify(expected[id])}, but the explanation has no such step (the evaluation stopped before it)`;
  return undefined;
}

/** What decided the actual outcome, when no expected step differs: a failing condition, a cut cap, a reason. */
function decidingStep(explanation: Explanation): string {
  const f = explanation.failingConditions[0];
  if (f) return `condition ${f.fact} ${f.operator} ${JSON.stringify(f.expected)} failed (actual ${JSON.stringify(f.actual)})`;
  if (explanation.missingFacts.length) return `missing facts: ${explanation.missingFacts.join(', ')}`;
  const cut = explanation.caps.find((k) => k.cut !== '0.00');
  if (cut) return `cap ${cut.id}: limit ${cut.limit}, used before ${cut.usedBefore}, cut ${cut.cut}`;
  const last = explanation.calculation.at(-1);
  if (last) return `step ${last.id} (${last.expression}) = ${JSON.stringify(last.result)}`;
  return explanation.reasons.map((r) => r.detail).join('; ');
}

/** Runs the case files; prints each failing case with expected and actual outcome and amount and the first differing step. */
export async function testCases(registry: SchemaRegistry, path: string | undefined): Promise<number> {
  const { dir, program } = locateRules(path);
  const catalog = loadCatalog(registry, dir);
  const programs = program ? [program] : catalog.all().map((p) => p.key).filter((k) => existsSync(join(dir, k, 'cases.json')));
  let passed = 0;
  let failed = 0;
  for (const key of programs) {
    const file = readCaseFile(registry, key, dir);
    for (const c of file.cases) {
      const { explanation, problems } = await runCase(catalog, registry, file, c);
      if (!problems.length) {
        passed++;
        continue;
      }
      failed++;
      const amount = c.expect.amount === undefined ? '(not stated)' : JSON.stringify(c.expect.amount);
      console.log(`FAIL ${key}: ${c.name}`);
      console.log(`     outcome  expected ${c.expect.outcome}, actual ${explanation.outcome}`);
      console.log(`     amount   expected ${amount}, actual ${JSON.stringify(explanation.amount)}`);
      console.log(`     first differing step: ${firstDifferingStep(explanation, c) ?? `none of the expected steps differs; the actual outcome came from ${decidingStep(explanation)}`}`);
      for (const p of problems.filter((p) => !/^(outcome|amount|step \w+):/.test(p))) console.log(`     ${p}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed, ${programs.length} program(s); 通过 ${passed}，失败 ${failed}`);
  return failed ? 1 : 0;
}
