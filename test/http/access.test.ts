import request from 'supertest';
import { PERMISSIONS, ROLES, type Operation } from '../../src/access/roles';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { startTestService, type Caller, type TestService } from '../support/service';

let svc: TestService;
let suzhou: { applicationId: string; decisionId: string };
let guangzhou: { applicationId: string; decisionId: string };
let doc: { paths: Record<string, Record<string, { operationId: string }>> };

const vc = {
  program: '440112/vc-settlement-reward',
  beneficiary: { uscc: '91440101MA59HJK451', name: '广州黄埔创新投资管理有限公司', jurisdiction: '440112' },
  facts: { vcForm: 'company', newlyEstablishedInDistrict: true, paidInCapital: '300000000' },
};

beforeAll(async () => {
  svc = await startTestService();
  const a = await svc.as('suzhou-applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(501) } }));
  expect(a.status).toBe(201);
  suzhou = { applicationId: a.body.application.id, decisionId: a.body.decision.id };
  const b = await svc.as('guangzhou-applicant').post('/v1/applications').send(vc);
  expect(b.status).toBe(201);
  guangzhou = { applicationId: b.body.application.id, decisionId: b.body.decision.id };
  doc = (await request(svc.app).get('/openapi.json')).body;
});
afterAll(async () => {
  await svc?.stop();
});

/** A request each documented operation accepts from a caller allowed to make it. */
function call(caller: Caller, operation: Operation) {
  const as = svc.as(caller);
  switch (operation) {
    case 'submitApplication': return as.post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(600) } }));
    case 'getApplication': return as.get(`/v1/applications/${suzhou.applicationId}`);
    case 'getDecision': return as.get(`/v1/decisions/${suzhou.decisionId}`);
    case 'reproduceDecision': return as.post(`/v1/decisions/${suzhou.decisionId}/reproduction`);
    case 'checkEligibility': return as.post('/v1/eligibility-checks').send({ beneficiary: SIP_ENTERPRISE, facts: {} });
    case 'simulateDrafts': return as.post('/v1/eligibility-checks').send({ beneficiary: SIP_ENTERPRISE, facts: {}, includeDrafts: true });
    case 'listPrograms': return as.get('/v1/programs');
    case 'getProgramVersion': return as.get('/v1/programs/CN/tech-sme-evaluation/versions/2017-05-03');
    case 'getProgram': return as.get('/v1/programs/CN/tech-sme-evaluation');
    case 'listJurisdictions': return as.get(`/v1/jurisdictions?q=${encodeURIComponent('天河')}`);
    case 'getJurisdiction': return as.get('/v1/jurisdictions/440106');
    case 'importPriorAwards': return as.post('/v1/prior-awards').set('Content-Type', 'application/x-ndjson').send('');
    case 'createApiKey': return as.post('/v1/api-keys').send({ name: 'matrix', role: 'auditor', jurisdictions: ['*'] });
    case 'listApiKeys': return as.get('/v1/api-keys');
    case 'revokeApiKey': return as.delete('/v1/api-keys/000000000000');
    case 'backfileApplication': return as.post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(601) }, applicationDate: '2025-03-01', backfileReason: 'paper filing entered late' }));
    case 'listSetAsideApplications': return as.get('/v1/set-aside-applications');
    case 'reloadRules': return as.post('/v1/rule-reloads');
    case 'createSimulation': return as.post('/v1/simulations').send({});
    case 'getSimulation': return as.get('/v1/simulations/sim_00000000-0000-4000-8000-000000000000');
    case 'searchDecisions': return as.get('/v1/decisions?limit=5');
    case 'exportDecisions': return as.get('/v1/decisions/export?format=jsonl');
    case 'explainDecision': return as.get(`/v1/decisions/${suzhou.decisionId}/explanation?format=text`);
    case 'verifyDecisionChain': return as.get('/v1/audit/verify');
    case 'listAuditEvents': return as.get('/v1/audit/events');
    case 'getStatistics': return as.get('/v1/statistics?jurisdiction=320500');
    case 'listWarnings': return as.get('/v1/warnings');
    case 'evaluateWarnings': return as.post('/v1/warnings/evaluation');
    case 'acknowledgeWarning': return as.post('/v1/warnings/wrn_0000000000000000/acknowledgements').send({ note: 'seen' });
    case 'createWebhookSubscription': return as.post('/v1/webhook-subscriptions').send({ url: 'http://127.0.0.1:9/matrix', topics: ['matrix.test'] });
    case 'listWebhookSubscriptions': return as.get('/v1/webhook-subscriptions');
    case 'revokeWebhookSubscription': return as.delete('/v1/webhook-subscriptions/whs_00000000-0000-0000-0000-000000000000');
    case 'importProfileBatch': return as.post('/v1/profile-batches?source=matrix&batch=b1').set('Content-Type', 'application/x-ndjson').send('');
    case 'getProfile': return as.get(`/v1/profiles/${uscc(501)}`);
    case 'runMatching': return as.post('/v1/matching-runs').send({ jurisdiction: '320571', usccs: [uscc(501)] });
    case 'getMatchingRun': return as.get('/v1/matching-runs/mrun_00000000-0000-0000-0000-000000000000');
    case 'listMatchingResults': return as.get('/v1/matching-runs/mrun_00000000-0000-0000-0000-000000000000/results');
    case 'setAutoGrantReview': return as.put('/v1/auto-grant-settings/320500/no-such-program').send({ holdForReview: false });
    case 'listAutoGrantProposals': return as.get('/v1/auto-grant-proposals');
    case 'approveAutoGrant': return as.post('/v1/auto-grant-proposals/agp_00000000000000000000000000000000/approval');
    case 'listWebhookDeliveries': return as.get('/v1/webhook-subscriptions/whs_00000000-0000-0000-0000-000000000000/deliveries');
    case 'correctDecision': return as.post(`/v1/decisions/${suzhou.decisionId}/corrections`).send({ kind: 'withdrawal', reason: 'role matrix' });
  }
}

describe('role × operation matrix', () => {
  it('covers every documented operation behind an API key', () => {
    const documented = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    const guarded = documented.filter((id) => !['health', 'ready', 'metrics'].includes(id)).sort();
    // simulating drafts and back-filing are variants of checking and submitting
    const inMatrix = (Object.keys(PERMISSIONS) as Operation[]).filter((o) => o !== 'simulateDrafts' && o !== 'backfileApplication').sort();
    expect(inMatrix).toEqual(guarded);
  });

  const cases = (Object.keys(PERMISSIONS) as Operation[]).flatMap((op) => ROLES.map((role) => [op, role, PERMISSIONS[op].includes(role)] as const));
  it.each(cases)('%s by %s: allowed %s', async (operation, role, allowed) => {
    const res = await call(role as Caller, operation);
    if (allowed) expect([401, 403]).not.toContain(res.status);
    else {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(res.status).toBeLessThan(500);
  });

  it('refuses requests without a key, with an unknown key, or with a revoked key (401)', async () => {
    expect((await request(svc.app).get('/v1/programs')).status).toBe(401);
    expect((await request(svc.app).get('/v1/programs').set('Authorization', 'Bearer sk_000000000000_' + 'x'.repeat(43))).status).toBe(401);
    const created = await svc.as('admin').post('/v1/api-keys').send({ name: 'short-lived', role: 'auditor', jurisdictions: ['*'] });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect((await request(svc.app).get('/v1/programs').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await svc.as('admin').delete(`/v1/api-keys/${created.body.id}`)).body.revokedAt).not.toBeNull();
    const after = await request(svc.app).get('/v1/programs').set('Authorization', `Bearer ${token}`);
    expect(after.status).toBe(401);
    expect(after.headers['www-authenticate']).toContain('Bearer');
  });

  it('stores keys hashed and lists them without secrets', async () => {
    const list = await svc.as('admin').get('/v1/api-keys');
    expect(JSON.stringify(list.body)).not.toMatch(/sk_|secretHash/);
    const stored = await svc.runtime.context.models.apiKeys.find().lean();
    for (const token of Object.values(svc.tokens)) expect(JSON.stringify(stored)).not.toContain(token.slice('sk_000000000000_'.length));
  });
});

describe('scopes', () => {
  // a POST is made by keys of the role given (auditors by default) scoped to each jurisdiction, with the body given;
  // every row has all five (jest passes a done callback to a test taking more arguments than its row has)
  const idRoutes: [string, (ids: { applicationId: string; decisionId: string }) => string, 'get' | 'post', string | undefined, object | undefined][] = [
    ['GET /v1/applications/{id}', (x) => `/v1/applications/${x.applicationId}`, 'get', undefined, undefined],
    ['GET /v1/decisions/{id}', (x) => `/v1/decisions/${x.decisionId}`, 'get', undefined, undefined],
    ['POST /v1/decisions/{id}/reproduction', (x) => `/v1/decisions/${x.decisionId}/reproduction`, 'post', undefined, undefined],
    ['GET /v1/decisions/{id}/explanation', (x) => `/v1/decisions/${x.decisionId}/explanation`, 'get', undefined, undefined],
    ['POST /v1/decisions/{id}/corrections', (x) => `/v1/decisions/${x.decisionId}/corrections`, 'post', 'policy-staff', { kind: 'withdrawal', reason: 'scope test' }],
  ];

  it('covers every documented route taking an application or decision id', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).filter((r) => /applications\/\{id\}|decisions\/\{id\}/.test(r));
    expect(idRoutes.map((r) => r[0]).sort()).toEqual(documented.sort());
  });

  /** A key of a role scoped to jurisdictions, created by the unscoped admin. */
  async function scopedKey(role: string, jurisdictions: string[]) {
    const created = await svc.as('admin').post('/v1/api-keys').send({ name: `${role} ${jurisdictions.join(',')}`, role, jurisdictions });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    return (method: 'get' | 'post', url: string) => request(svc.app)[method](url).set('Authorization', `Bearer ${token}`);
  }

  it.each(idRoutes)('%s: another system, or another jurisdiction, gets 404 and no data', async (_name, url, method, role, body) => {
    const scoped = async (jurisdictions: string[]) => {
      const call = await scopedKey(role ?? 'auditor', jurisdictions);
      return (m: 'get' | 'post', u: string) => (body ? call(m, u).send(body) : call(m, u));
    };
    const suzhouAuditor = await scoped(['320500']);
    const guangzhouAuditor = await scoped(['440100']);
    // applicants may not re-run at all: for the re-run, scoped auditors stand in for the foreign callers
    const foreign =
      method === 'get'
        ? ([['other-applicant', suzhou], ['suzhou-applicant', guangzhou], ['guangzhou-applicant', suzhou]] as const).map(([caller, target]) => () => svc.as(caller)[method](url(target)))
        : [() => suzhouAuditor(method, url(guangzhou)), () => guangzhouAuditor(method, url(suzhou))];
    for (const attempt of foreign) {
      const res = await attempt();
      expect(res.status).toBe(404);
      expect(JSON.stringify({ ...res.body, instance: undefined })).not.toMatch(/uscc|facts|explanation/);
    }
    // a foreign applicant system is refused the re-run before anything is read
    if (method === 'post') expect((await svc.as('guangzhou-applicant').post(url(suzhou))).status).toBe(403);
    const owner = method === 'post' ? await suzhouAuditor(method, url(suzhou)) : await svc.as('suzhou-applicant')[method](url(suzhou));
    expect([200, 201]).toContain(owner.status);
  });

  it('lets a scoped auditor read only its jurisdictions', async () => {
    const created = await svc.as('admin').post('/v1/api-keys').send({ name: 'Suzhou auditor', role: 'auditor', jurisdictions: ['320500'] });
    const auditor = (url: string) => request(svc.app).get(url).set('Authorization', `Bearer ${created.body.token}`);
    expect((await auditor(`/v1/decisions/${suzhou.decisionId}`)).status).toBe(200);
    expect((await auditor(`/v1/decisions/${guangzhou.decisionId}`)).status).toBe(404);
  });

  it('refuses a Suzhou key submitting or checking for a Guangzhou beneficiary (403, naming the field)', async () => {
    const before = await svc.runtime.context.models.applications.countDocuments();
    const res = await svc.as('suzhou-applicant').post('/v1/applications').send(vc);
    expect(res.status).toBe(403);
    expect(res.body.errors[0].pointer).toBe('/beneficiary/jurisdiction');
    expect(await svc.runtime.context.models.applications.countDocuments()).toBe(before);
    const check = await svc.as('suzhou-applicant').post('/v1/eligibility-checks').send({ beneficiary: vc.beneficiary, facts: {} });
    expect(check.status).toBe(403);
  });

  it('scopes idempotency keys per API key', async () => {
    const body = suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(777) } });
    const a = await svc.as('suzhou-applicant').post('/v1/applications').set('Idempotency-Key', 'same-key').send(body);
    const b = await svc.as('applicant').post('/v1/applications').set('Idempotency-Key', 'same-key').send(body);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.application.id).not.toBe(a.body.application.id);
  });
});

describe('hostile input and headers', () => {
  it('sends security headers and no CORS headers unless configured', async () => {
    const res = await svc.as('applicant').get('/v1/programs').set('Origin', 'https://evil.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses bodies nested too deeply or with too long lists, before validation', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const res = await svc.as('applicant').post('/v1/applications').send({ program: 'x', facts: deep });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].detail).toContain('deeper');
    const long = await svc.as('applicant').post('/v1/eligibility-checks').send({ beneficiary: SIP_ENTERPRISE, facts: { qualifications: Array(5000).fill('tech-sme') } });
    expect(long.status).toBe(400);
  });

  it('rejects operators in query strings too', async () => {
    const res = await svc.as('applicant').get('/v1/programs?jurisdiction[$ne]=1');
    expect(res.status).toBe(400);
  });
});
