import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkRules, type RuleIssue } from '../../rules/catalog';
import { PROJECT_ROOT } from '../../paths';
import type { SchemaRegistry } from '../../validation/schema-registry';
import { locateRules } from './locate';

/** Case files must match schemas/case-file.schema.json and name their own program. */
function caseFileIssues(registry: SchemaRegistry, dir: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const code of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(join(dir, code.name), { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const path = join(dir, code.name, name.name, 'cases.json');
      if (!existsSync(path)) continue;
      const file = relative(PROJECT_ROOT, path);
      let content: unknown;
      try {
        content = JSON.parse(readFileSync(path, 'utf8'));
      } catch (e) {
        issues.push({ file, pointer: '', en: `is not valid JSON: ${(e as Error).message}`, zh: `不是合法的 JSON：${(e as Error).message}` });
        continue;
      }
      for (const e of registry.validate('case-file.schema.json', content)) issues.push({ file, pointer: e.pointer, en: `${e.pointer || '/'} ${e.detail}`, zh: `${e.pointer || '/'} 不符合用例文件格式：${e.detail}` });
      const key = `${code.name}/${name.name}`;
      if (content && typeof content === 'object' && (content as { program?: unknown }).program !== key) {
        issues.push({ file, pointer: '/program', en: `names program ${String((content as { program?: unknown }).program)}, but lives in ${key}`, zh: `用例文件声明的项目与所在目录 ${key} 不一致` });
      }
    }
  }
  return issues;
}

/** Validates each path in turn (default: rules/); exit code 1 when any has an error. */
export function validateAll(registry: SchemaRegistry, paths: string[]): number {
  if (paths.length === 0) return validate(registry, undefined);
  let code = 0;
  for (const path of paths) {
    if (paths.length > 1) console.log(`== ${path}`);
    code = Math.max(code, validate(registry, path));
  }
  return code;
}

/** Prints every error (file, JSON pointer, English and Chinese); returns the exit code. */
export function validate(registry: SchemaRegistry, path: string | undefined): number {
  const { dir, program } = locateRules(path);
  const { catalog, issues } = checkRules(registry, dir);
  const all = [...issues, ...caseFileIssues(registry, dir)];
  const shown = program ? all.filter((i) => i.file.split('\\').join('/').includes(`/${program}/`)) : all;
  for (const i of shown) {
    console.log(`${i.file}  ${i.pointer || '/'}\n  error: ${i.en}\n  错误: ${i.zh}`);
  }
  if (all.length) {
    const elsewhere = all.length - shown.length;
    console.log(`${shown.length} error(s)${elsewhere ? ` here and ${elsewhere} elsewhere in ${relative(process.cwd(), dir) || '.'}` : ''}; 有 ${all.length} 处错误，规则未通过校验`);
    return 1;
  }
  const programs = catalog!.all().filter((p) => !program || p.key === program);
  const versions = programs.reduce((n, p) => n + p.versions.length, 0);
  console.log(`OK: ${programs.length} program(s), ${versions} version(s) valid; 校验通过`);
  return 0;
}
