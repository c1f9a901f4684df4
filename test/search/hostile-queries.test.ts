import fc from 'fast-check';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

/**
 * Hostile query strings on the auditors' read operations: whatever arrives, never a 5xx, and
 * every error a valid RFC 9457 problem. (The request fuzz test covers the older operations.)
 */
const svc = useTestService();
const RUNS = Number(process.env.FUZZ_RUNS_AUDIT ?? 150);
let decisionId = '';

beforeAll(async () => {
  const res = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(950) } }));
  decisionId = res.body.decision.id;
});

const names = ['program', 'jurisdiction', 'uscc', 'outcome', 'minAmount', 'maxAmount', 'decidedFrom', 'decidedTo', 'version', 'cursor', 'limit', 'order', 'format', 'lang', 'type', 'actor', 'subject', 'from', 'to', 'x', '$where', 'a.b', 'limit[$gt]'];
const values = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', '-1', '1e308', '0.001', '99999999999999999', '2025-02-30', '2025-03-01T25:00:00Z', '320500', 'CN', '449999', 'approved,', ',', '%', '..', 'ZXlKMklqb3hMQ0p3SWpveE1EQjk', 'eyJ2IjoxLCJwIjotMSwibyI6ImFzYyIsImgiOiIifQ', 'eyJhdCI6MSwiaWQiOltdfQ', '../../etc/passwd', '<script>'),
);
const query = fc.array(fc.tuple(fc.constantFrom(...names), values), { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

it.each([
  ['GET /v1/decisions', (q: string) => `/v1/decisions?${q}`],
  ['GET /v1/decisions/export', (q: string) => `/v1/decisions/export?${q}`],
  ['GET /v1/decisions/{id}/explanation', (q: string) => `/v1/decisions/${decisionId}/explanation?${q}`],
  ['GET /v1/audit/events', (q: string) => `/v1/audit/events?${q}`],
])('%s', async (_name, url) => {
  await fc.assert(
    fc.asyncProperty(query, async (q) => {
      const res = await svc().as('auditor').get(url(q)).buffer(true);
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) {
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(svc().runtime.context.registry.validate('problem.schema.json', res.body)).toEqual([]);
      }
    }),
    { numRuns: RUNS },
  );
}, 120_000);
