/**
 * Writes openapi/examples/: the request and answer of every operation, as a real service on a
 * throw-away database gives them (the README's examples and the case files' inputs), and one
 * problem per status. `npm run openapi:examples`; test/http/openapi-examples.test.ts checks
 * each example against its schema and posts the submit example.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_DIR } from '../src/paths';
import { startTestService } from '../test/support/service';
import { readmeExample } from '../test/support/readme-example';

const DIR = join(OPENAPI_DIR, 'examples');
const write = (name: string, value: unknown) => writeFileSync(join(DIR, `${name}.json`), JSON.stringify(value, null, 2) + '\n');

async function main(): Promise<void> {
  const svc = await startTestService('2025-07-01');
  try {
    const submit = readmeExample('## Submitting an application');
    const created = await svc.as('applicant').post(submit.path).set('Idempotency-Key', submit.idempotencyKey!).send(submit.body);
    if (created.status !== 201) throw new Error(`submit answered ${created.status}: ${created.text}`);
    write('submitApplication', { request: submit.body, responses: { '201': created.body } });
    const { application, decision } = created.body as { application: { id: string }; decision: { id: string } };
    write('getApplication', { responses: { '200': (await svc.as('auditor').get(`/v1/applications/${application.id}`)).body } });
    write('getDecision', { responses: { '200': (await svc.as('auditor').get(`/v1/decisions/${decision.id}`)).body } });
    write('reproduceDecision', { responses: { '200': (await svc.as('auditor').post(`/v1/decisions/${decision.id}/reproduction`)).body } });
    const correction = { kind: 'correction', reason: '复核发现投资额认定有误（黄埔区科技局复核意见 2025-07-15）', outcome: 'partial', amount: '18000000' };
    write('correctDecision', { request: correction, responses: { '201': (await svc.as('policy-staff').post(`/v1/decisions/${decision.id}/corrections`).send(correction)).body } });
    write('verifyDecisionChain', { responses: { '200': (await svc.as('auditor').get('/v1/audit/verify')).body } });
    write('searchDecisions', { responses: { '200': (await svc.as('auditor').get('/v1/decisions?jurisdiction=440100&limit=10')).body } });

    const check = readmeExample('## Which programs can this enterprise get?');
    const checked = await svc.as('applicant').post(check.path).send(check.body);
    if (checked.status !== 200) throw new Error(`eligibility check answered ${checked.status}: ${checked.text}`);
    write('checkEligibility', { request: check.body, responses: { '200': { ...checked.body, results: checked.body.results.slice(0, 2) } } });

    const programs = (await svc.as('policy-staff').get('/v1/programs?jurisdiction=440112')).body as { programs: unknown[] };
    write('listPrograms', { responses: { '200': programs } });
    write('getProgramVersion', { responses: { '200': (await svc.as('policy-staff').get('/v1/programs/440112/vc-settlement-reward/versions/2020-06-01')).body } });

    write('getProgram', { responses: { '200': (await svc.as('policy-staff').get('/v1/programs/440112/vc-settlement-reward')).body } });
    write('listJurisdictions', { responses: { '200': (await svc.as('applicant').get(`/v1/jurisdictions?q=${encodeURIComponent('天河')}`)).body } });
    write('getJurisdiction', { responses: { '200': (await svc.as('applicant').get('/v1/jurisdictions/440106')).body } });
    const award = {
      source: 'SIP-interest-register',
      row: 'r2023',
      ref: '园区科技贴息拨付台账 2023年 第23行',
      program: '320571/loan-interest-subsidy',
      beneficiary: { uscc: '91320594MA1N6QYX2B', name: '苏州纳微生物科技有限公司', jurisdiction: '320571' },
      paidOn: '2024-06-30',
      amount: '14000',
      facts: { subsidyYear: 2023, loanId: 'SIP-LOAN-2023' },
    };
    const imported = await svc.as('admin').post('/v1/prior-awards').set('Content-Type', 'application/x-ndjson').send([JSON.stringify(award), '{not json'].join('\n'));
    write('importPriorAwards', { responses: { '200': imported.body } });
    write('listSetAsideApplications', { responses: { '200': (await svc.as('admin').get('/v1/set-aside-applications')).body } });

    const keyRequest = { name: 'Suzhou portal', role: 'applicant', jurisdictions: ['320500'] };
    const key = await svc.as('admin').post('/v1/api-keys').send(keyRequest);
    write('createApiKey', { request: keyRequest, responses: { '201': key.body } });
    const listed = (await svc.as('admin').get('/v1/api-keys')).body as { keys: { name: string }[] };
    write('listApiKeys', { responses: { '200': { keys: listed.keys.filter((k) => k.name === 'Suzhou portal' || k.name === 'test applicant') } } });
    write('revokeApiKey', { responses: { '200': (await svc.as('admin').delete(`/v1/api-keys/${key.body.id}`)).body } });

    write('listAuditEvents', { responses: { '200': (await svc.as('auditor').get('/v1/audit/events?limit=3')).body } });

    const health = (await svc.as('admin').get('/healthz')).body;
    const ready = (await svc.as('admin').get('/readyz')).body;
    write('health', { responses: { '200': health } });
    write('ready', { responses: { '200': ready, '503': { ...ready, status: 'unavailable' } } });

    const problems: Record<string, unknown> = {};
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: 'portal-7f3a9c2e' });
    problems['400'] = strip((await svc.as('applicant').post('/v1/applications').send({ ...submit.body, facts: { $where: '1' } })).body);
    problems['401'] = strip((await svc.as('applicant').get('/v1/programs').set('Authorization', 'Bearer sk_000000000000_revoked')).body);
    problems['403'] = strip((await svc.as('auditor').post('/v1/applications').send(submit.body)).body);
    problems['404'] = strip((await svc.as('auditor').get('/v1/decisions/dec_13e3e77c-beee-4fa6-954a-726cdcd3011f')).body);
    problems['413'] = strip((await svc.as('applicant').post('/v1/eligibility-checks').send({ ...check.body, padding: 'x'.repeat(200000) })).body);
    problems['422'] = strip((await svc.as('applicant').post('/v1/applications').send({ ...submit.body, program: '440112/no-such-program' })).body);
    problems['409'] = { type: 'https://subsidy-rules.example/problems/idempotency-in-flight', title: 'A request with this Idempotency-Key is still being processed', status: 409, detail: 'retry when the first request has completed', instance: '/v1/applications', requestId: 'portal-7f3a9c2e' };
    problems['429'] = { type: 'https://subsidy-rules.example/problems/rate-limited', title: 'Too many requests', status: 429, detail: 'at most 600 requests a minute per API key', instance: '/v1/applications', requestId: 'portal-7f3a9c2e' };
    problems['503'] = { type: 'https://subsidy-rules.example/problems/unavailable', title: 'The service is temporarily unavailable', status: 503, detail: 'the database cannot be reached; retry later', instance: '/v1/applications', requestId: 'portal-7f3a9c2e' };
    write('problems', problems);
  } finally {
    await svc.stop();
  }
}

void main().then(
  () => console.log(`wrote ${DIR}`),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
