import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT, RULES_DIR } from '../paths';

/**
 * docs/programs.md, rendered from the rule packs alone (never edited by hand): every program,
 * its sources, and per version its conditions, calculation, caps and parameters with their
 * provenance, the assumptions first. `npm run docs:programs` writes it; a test fails when the
 * file differs from what the packs give.
 */
type Json = Record<string, any>;

function packFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return packFiles(path);
      return name === 'pack.json' ? [path] : [];
    });
}

const cell = (v: unknown): string => String(typeof v === 'string' ? v : JSON.stringify(v)).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const bi = (t: Json | undefined): string => (t ? `${t.zh} / ${t.en}` : '');
const value = (v: unknown): string => (v && typeof v === 'object' && !Array.isArray(v) ? ('param' in v ? `param \`${(v as Json).param}\`` : `fact \`${(v as Json).fact}${(v as Json).path ? '.' + (v as Json).path : ''}\``) : `\`${JSON.stringify(v)}\``);

function conditions(c: Json, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const label = c.title ? ` — ${bi(c.title)}` : '';
  for (const kind of ['all', 'any'] as const) {
    if (Array.isArray(c[kind])) return [`${pad}- **${kind === 'all' ? 'all of' : 'any of'}**${label}`, ...c[kind].flatMap((x: Json) => conditions(x, depth + 1))];
  }
  if (c.not) return [`${pad}- **not**${label}`, ...conditions(c.not, depth + 1)];
  return [`${pad}- \`${c.fact}${c.path ? '.' + c.path : ''}\` ${c.operator} ${value(c.value)}${label}`];
}

function step(s: Json): string {
  if (s.expr !== undefined) return `\`${s.expr}\``;
  const l = s.lookup as Json | undefined;
  if (!l) return `\`${cell(s)}\``;
  const rows = ((l?.rows ?? []) as Json[]).map((r) => `${Object.entries(r).filter(([k]) => k !== 'value').map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ')} → \`${r.value}\``);
  return `lookup on \`${l.input}\`: ${rows.join('; ')}${l.otherwise !== undefined ? `; otherwise \`${l.otherwise}\`` : ''}`;
}

function period(p: unknown): string {
  if (p === 'lifetime') return 'lifetime';
  const o = p as Json;
  return o.yearFact ? `per year of \`${o.yearFact}\`` : o.yearOfDateFact ? `per year of \`${o.yearOfDateFact}\`` : cell(p);
}

function version(v: Json): string[] {
  const out = [`### Version ${v.version} (${v.status}; effective from ${v.effectiveFrom}${v.effectiveTo ? ` to ${v.effectiveTo}` : ''})`, ''];
  const params = Object.entries((v.parameters ?? {}) as Record<string, Json>);
  const assumptions = params.filter(([, p]) => p.provenance === 'assumption');
  if (assumptions.length) out.push(`Assumptions to confirm: ${assumptions.map(([k]) => `\`${k}\``).join(', ')}.`, '');
  if (v.eligibility) out.push('Conditions:', '', ...conditions(v.eligibility, 0), '');
  if (v.calculation?.length) {
    out.push('| step | what | how |', '|---|---|---|');
    for (const s of v.calculation as Json[]) out.push(`| \`${s.id}\` | ${cell(bi(s.title))} | ${cell(step(s))} |`);
    out.push('');
  }
  if (v.amount) out.push(`Amount: \`${v.amount}\`.`, '');
  if (v.caps?.length) {
    out.push('| cap | per | period | measure | limit |', '|---|---|---|---|---|');
    for (const c of v.caps as Json[]) out.push(`| ${cell(bi(c.title))} | ${((c.per ?? []) as string[]).length ? (c.per as string[]).join(', ') : 'whole program'} | ${period(c.period)} | ${c.measure}${c.distinctBy ? ` (distinct by ${c.distinctBy.join(', ')})` : ''}${c.settlesDifference ? ', pays the difference' : ''} | \`${cell(c.limit)}\` |`);
    out.push('');
  }
  if (params.length) {
    out.push('| parameter | value | provenance | reference |', '|---|---|---|---|');
    for (const [k, p] of params) out.push(`| \`${k}\`${p.title ? ` ${cell(p.title)}` : ''} | \`${cell(p.value)}\` | ${p.provenance} | ${cell(p.ref ?? '')}${p.note ? ` — ${cell(p.note)}` : ''} |`);
    out.push('');
  }
  return out;
}

function program(file: string): string[] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const key = `${p.jurisdiction}/${p.name}`;
  const out = [`## ${key} — ${p.title.zh}`, '', `${p.title.en}. File: \`${relative(PROJECT_ROOT, file)}\`.`, ''];
  const facts: string[] = [`kind: ${p.kind}`, `beneficiary: ${p.beneficiary}`];
  if (p.status) facts.push(`status: **${p.status}**`);
  const vd = (p.versionDate ?? {}) as Json;
  facts.push(`version chosen by ${vd.applicationDate ? 'the application date' : vd.fact ? `fact \`${vd.fact}\`` : vd.firstDayOfYearFact ? `1 January of fact \`${vd.firstDayOfYearFact}\`` : cell(vd)}`);
  if (p.topUpOf) facts.push(`top-up of \`${p.topUpOf}\`${p.shareParameter ? ` (share: parameter \`${p.shareParameter}\`)` : ''}`);
  if (p.dependsOn?.length) facts.push(`reads ${(p.dependsOn as Json[]).map((d) => `\`${d.program}\` as \`${d.as}\``).join(', ')}`);
  if (p.funding) facts.push(`funding: ${p.funding.zh ? bi(p.funding) : cell(p.funding)}`);
  out.push(...facts.map((f) => `- ${f}`), '');
  out.push('Sources:', '', ...((p.sources ?? []) as Json[]).map((s) => `- \`${s.id}\` (${s.provenance}): ${s.title}`), '');
  for (const v of (p.versions ?? []) as Json[]) out.push(...version(v));
  return out;
}

export function renderProgramDocs(): string {
  const files = packFiles(RULES_DIR);
  const index = files.map((f) => {
    const p = JSON.parse(readFileSync(f, 'utf8')) as Json;
    const key = `${p.jurisdiction}/${p.name}`;
    return `| \`${key}\` | ${p.title.zh} | ${p.title.en} | ${(p.versions as Json[]).map((v) => v.version + (v.status === 'draft' ? ' (draft)' : '')).join(', ')} |`;
  });
  return [
    '# Programs',
    '',
    '<!-- Generated by `npm run docs:programs` from rules/**/pack.json: edit the packs, not this file. -->',
    '',
    'Every program the service ships, from its rule pack: sources with their provenance (sourced: the policy text; seed: the research report; assumption: to be confirmed by policy staff), and for each version its conditions, calculation, caps and parameters. Money is in yuan (decimal strings).',
    '',
    '| program | 名称 | name | versions |',
    '|---|---|---|---|',
    ...index,
    '',
    ...files.flatMap(program),
  ].join('\n');
}
