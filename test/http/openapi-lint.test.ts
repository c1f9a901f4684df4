import { describeProblem, lintOpenApi } from '../../scripts/lint-openapi';

jest.setTimeout(120000);

it("passes Redocly's recommended lint rules with no errors (npm run lint:openapi)", async () => {
  const problems = await lintOpenApi();
  expect(problems.filter((p) => p.severity === 'error').map(describeProblem)).toEqual([]);
  // the only warnings left: /healthz and /readyz answer no 4xx, by design
  expect(problems.map((p) => p.ruleId)).toEqual(['operation-4xx-response', 'operation-4xx-response']);
});
