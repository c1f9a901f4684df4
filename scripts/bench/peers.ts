import { Adjudicator } from '../../src/adjudication/adjudicator';
import { MemoryLedgers } from '../../src/adjudication/memory-ledgers';
import { versionDate, versionsInForce } from '../../src/adjudication/version-selection';
import { engineVersion } from '../../src/engine/compiled-version';
import { FastCalculation } from '../../src/engine/fast-calculation';
import type { SampleApplication } from '../../src/engine/samples';
import type { ProgramCatalog } from '../../src/rules/catalog';
import type { ProgramVersion } from '../../src/rules/compiled';
import type { SchemaRegistry } from '../../src/validation/schema-registry';
import { naiveCases, race, runAdjudication, runNaive } from './engine-in-process';
import { zenInput, zenPrograms } from './zen';

function versionOf(catalog: ProgramCatalog, s: SampleApplication): { version: ProgramVersion; facts: Record<string, unknown> } | undefined {
  const program = catalog.get(s.inputs.program)!;
  const facts = { ...s.inputs.facts, applicationDate: s.inputs.applicationDate, beneficiaryJurisdiction: s.inputs.beneficiary.jurisdiction };
  const date = versionDate(program.pack.versionDate, facts, s.inputs.applicationDate).date;
  const version = date ? versionsInForce.select(program, date, true) : undefined;
  return version ? { version, facts } : undefined;
}

/** The compiled conditions step alone (no calculation, caps or explanation around it). */
function compiledConditions(catalog: ProgramCatalog, items: { version: ProgramVersion; facts: Record<string, unknown> }[]): string[] {
  return items.map(({ version, facts }) => {
    const ev = engineVersion(version);
    try {
      return ev.conditions.evaluate(new FastCalculation(ev, facts, catalog.facts).readings(ev.conditions.factsRead)).verdict;
    } catch {
      return 'error'; // a fact of the wrong type: refused, as the full path refuses it
    }
  });
}

export async function engineFigures(catalog: ProgramCatalog, samples: SampleApplication[], rounds: number) {
  const naive = naiveCases(catalog, samples);
  const items = samples.map((s) => versionOf(catalog, s)).filter((x) => x !== undefined);
  const rates = await race(rounds, {
    naive: async () => (await runNaive(naive)).length,
    compiled: async () => (await runAdjudication(catalog, samples, 'compiled')).length,
    reference: async () => (await runAdjudication(catalog, samples, 'reference')).length,
    conditions: async () => compiledConditions(catalog, items).length,
  });
  // the compiled and reference engines decide alike (the differential test proves the whole explanation)
  const [c, r] = [await runAdjudication(catalog, samples, 'compiled'), await runAdjudication(catalog, samples, 'reference')];
  const differ = c.filter((x, i) => x !== r[i]).length;
  return { rates, differ };
}

export async function zenFigures(catalog: ProgramCatalog, registry: SchemaRegistry, samples: SampleApplication[], rounds: number) {
  const zen = zenPrograms(catalog);
  const keys = new Set(zen.map((z) => z.program.key));
  const decisions = new Map(zen.flatMap((z) => [...z.decisions]));
  const adjudicator = new Adjudicator(catalog, catalog.facts);
  // valid applications (as the API accepts them) of those programs whose eligibility the
  // compiled engine can decide (ZEN has no "unknown")
  const items = samples
    .filter((s) => keys.has(s.inputs.program) && registry.validate('application.schema.json', s.inputs).length === 0)
    .map((s) => ({ s, v: versionOf(catalog, s) }))
    .filter((x) => x.v !== undefined)
    .map(({ s, v }) => ({ s, ...v!, verdict: compiledConditions(catalog, [v!])[0]! }))
    .filter((x) => x.verdict === 'pass' || x.verdict === 'fail');
  const inputs = items.map((x) => zenInput(x.facts, catalog.facts));
  const zenRun = async () => {
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      try {
        out.push((await decisions.get(items[i]!.version)!.evaluate(inputs[i]!)).result.eligible);
      } catch {
        out.push('error');
      }
    }
    return out;
  };
  const rates = await race(rounds, {
    zen: async () => (await zenRun()).length,
    compiled: async () => {
      for (const { s } of items) await adjudicator.decide(s.inputs, { ledgers: new MemoryLedgers(), holder: 'bench', includeDrafts: true });
      return items.length;
    },
    conditions: async () => compiledConditions(catalog, items).length,
  });
  const answers = await zenRun();
  const errors = answers.filter((a) => a === 'error').length;
  const mismatches = items.filter((x, i) => answers[i] !== 'error' && answers[i] !== (x.verdict === 'pass')).length;
  return { programs: [...keys], compared: items.length, errors, mismatches, rates };
}
