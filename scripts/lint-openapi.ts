/**
 * Lints the served OpenAPI document with Redocly's linter (@redocly/openapi-core, the engine of
 * `redocly lint`) and its `recommended` rules; exits 1 on any error. `npm run lint:openapi`;
 * test/http/openapi-lint.test.ts runs the same check in `npm test` (so in CI).
 */
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { bundleOpenApi } from '../src/http/openapi';
import { SchemaRegistry } from '../src/validation/schema-registry';

export async function lintOpenApi(): Promise<NormalizedProblem[]> {
  const doc = bundleOpenApi(new SchemaRegistry().documents);
  const config = await createConfig({ extends: ['recommended'] });
  return lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
}

export const describeProblem = (p: NormalizedProblem): string => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer).join(', ')}`;

if (require.main === module) {
  void lintOpenApi().then((problems) => {
    for (const p of problems) console.log(describeProblem(p));
    const errors = problems.filter((p) => p.severity === 'error').length;
    console.log(`${errors} errors, ${problems.length - errors} warnings`);
    process.exit(errors ? 1 : 0);
  });
}
