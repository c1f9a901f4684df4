import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES_DIR } from '../paths';
import type { SchemaRegistry } from '../validation/schema-registry';
import type { WarningRules } from '../schema-types/warning-rules';

/** rules/warnings.json, as schemas/warning-rules.schema.json describes it. */
export type { WarningRules };

/** Reads and checks the warning thresholds; a file that does not match its schema stops the start. */
export function loadWarningRules(registry: SchemaRegistry, file = join(RULES_DIR, 'warnings.json')): WarningRules {
  const rules = JSON.parse(readFileSync(file, 'utf8')) as WarningRules;
  const errors = registry.validate('warning-rules.schema.json', rules);
  if (errors.length) throw new Error(`${file}: ${errors.map((e) => `${e.pointer || '/'} ${e.detail}`).join('; ')}`);
  return rules;
}
