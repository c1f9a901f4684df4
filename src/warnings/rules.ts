import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES_DIR } from '../paths';
import type { SchemaRegistry } from '../validation/schema-registry';

/** rules/warnings.json, as schemas/warning-rules.schema.json describes it. */
export interface WarningRules {
  budgetUse: { thresholds: string[]; ref: string };
  lifetimeCap: { thresholds: string[]; ref: string };
  bankLossRatio: { program: string; ratioStep: string; limitParameter: string; thresholdsOfLimit: string[]; ref: string }[];
  applicationBurst: { windowHours: number; maxApplications: number; ref: string };
}

/** Reads and checks the warning thresholds; a file that does not match its schema stops the start. */
export function loadWarningRules(registry: SchemaRegistry, file = join(RULES_DIR, 'warnings.json')): WarningRules {
  const rules = JSON.parse(readFileSync(file, 'utf8')) as WarningRules;
  const errors = registry.validate('warning-rules.schema.json', rules);
  if (errors.length) throw new Error(`${file}: ${errors.map((e) => `${e.pointer || '/'} ${e.detail}`).join('; ')}`);
  return rules;
}
