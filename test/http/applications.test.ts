import request from 'supertest';
import { expectDocumented } from '../support/openapi-responses';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { useTestService } from '../support/service';
import { startRuntime } from '../../src/runtime';

const svc = useTestService({ checkInvariants: true });

const documented = (method: string, path: string, res: request.Response) =>
  expectDocumented(svc().runtime.context.registry, svc().runtime.context.openapi, method, path, res);

async function counts() {
  const m = svc().runtime.context.models;
  return { applications: await m.applications.countDocuments(), decisions: await m.decisions.countDocuments(), ledger: await m.ledgerEntries.countDocuments() };
}

describe('submitting an application', () => {
  it('answers 201 with the stored, explained decision, readable afterwards', async () => {
    const res = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication());
    expect(res.status).toBe(201);
    documented('POST', '/v1/applications', res);
    const { application, decision } = res.body;
    expect(res.headers.location).toBe(`/v1/applications/${application.id}`);
    expect(decision.outcome).toBe('approved');
    expect(decision.amount).toBe('225000.00');
    const e = decision.explanation;
    expect(e.version).toMatchObject({ version: '2021-01-01', status: 'published' });
    expect(e.version.ruleHash).toMatch(/^sha256:/);
    expect(e.calculation.find((s: { id: string }) => s.id === 'base')).toMatchObject({ inputs: { interestPaid: '400000', guaranteeFeesPaid: '50000' }, result: '450000' });
    expect(e.caps.map((c: { id: string; limit: string; usedBefore: string }) => [c.id, c.limit, c.usedBefore])).toEqual([
      ['sameClaim', '1', '0'],
      ['perEnterpriseYear', '300000.00', '0.00'],
      ['annualBudget', '50000000.00', '0.00'],
    ]);
    expect(e.references.map((r: { id: string }) => r.id)).toEqual(['szkjdk2021', 'report']);
    expect(e.summary.zh).toContain('225000.00');

    const app = await svc().as('applicant').get(`/v1/applications/${application.id}`);
    expect(app.status).toBe(200);
    documented('GET', '/v1/applications/{id}', app);
    expect(app.body.facts).toEqual(suzhouSubsidyApplication().facts);
    const dec = await svc().as('applicant').get(`/v1/decisions/${decision.id}`);
    expect(dec.status).toBe(200);
    documented('GET', '/v1/decisions/{id}', dec);
    expect(dec.body).toEqual(decision);
  });

  it('counts what an enterprise already received this year against its cap', async () => {
    // three loans of one enterprise in one year: three claims, one annual cap (an enterprise of its own: no test runs first)
    const enterprise = { ...SIP_ENTERPRISE, uscc: uscc(4242) };
    const loan = (loanId: string) => suzhouSubsidyApplication({ beneficiary: enterprise, facts: { ...suzhouSubsidyApplication().facts, loanId } });
    const first = await svc().as('applicant').post('/v1/applications').send(loan('SZ-2024-0001'));
    expect(first.status).toBe(201);
    expect(first.body.decision.amount).toBe('225000.00');
    const second = await svc().as('applicant').post('/v1/applications').send(loan('SZ-2024-0002'));
    expect(second.status).toBe(201);
    expect(second.body.decision.outcome).toBe('partial');
    expect(second.body.decision.amount).toBe('75000.00');
    const cap = second.body.decision.explanation.caps[1];
    expect(cap).toMatchObject({ id: 'perEnterpriseYear', usedBefore: '225000.00', available: '75000.00', cut: '150000.00' });
    const third = await svc().as('applicant').post('/v1/applications').send(loan('SZ-2024-0003'));
    expect(third.status).toBe(201);
    expect(third.body.decision.outcome).toBe('rejected');
    expect(third.body.decision.explanation.reasons[0].code).toBe('cap-reached');
  });

  it('names every failing condition with its actual value', async () => {
    const res = await svc().as('applicant').post('/v1/applications')
      .send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: '91320581MA1Q2DEF31', jurisdiction: '320581' } }));
    expect(res.status).toBe(201);
    expect(res.body.decision.outcome).toBe('rejected');
    expect(res.body.decision.explanation.failingConditions).toEqual([
      { id: 'registeredInCentralDistricts', fact: 'beneficiaryJurisdiction', operator: 'within', expected: ['320505', '320506', '320507', '320508', '320509', '320571'], actual: '320581' },
    ]);
  });

  it('asks for missing facts instead of deciding on them', async () => {
    const app = suzhouSubsidyApplication();
    delete (app.facts as Record<string, unknown>).seriousDishonestyInLast3Years;
    const res = await svc().as('applicant').post('/v1/applications').send(app);
    expect(res.status).toBe(201);
    expect(res.body.decision.outcome).toBe('needs-information');
    expect(res.body.decision.explanation.missingFacts).toEqual(['seriousDishonestyInLast3Years']);
  });

  it('re-runs a stored decision, with its stored rule text and cap state, identically', async () => {
    const res = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: '91320594MA1P0ABC1R' }, facts: { ...suzhouSubsidyApplication().facts, qualifications: [] , employees: 100, techStaff: 30, annualRevenue: '50000000', totalAssets: '80000000', totalCost: '40000000', rdExpense: '3000000', classOneIpCount: 0, classTwoIpCount: 2, onSeriousDishonestyList: false, onAbnormalOperationList: false, holdsHighTechCertificate: false, nationalAwardTop3InLast5Years: false, hasProvincialRdInstitution: false, ledStandardInLast5Years: false } }));
    expect(res.status).toBe(201);
    expect(res.body.decision.outcome).toBe('approved');
    expect(res.body.decision.explanation.dependencies[0].explanation.outcome).toBe('approved');
    // more money goes out of the budget afterwards: the re-run still sees what the decision saw
    await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: '91320594MA1N6QYX2B' } }));
    const rerun = await svc().as('auditor').post(`/v1/decisions/${res.body.decision.id}/reproduction`);
    expect(rerun.status).toBe(200);
    documented('POST', '/v1/decisions/{id}/reproduction', rerun);
    expect(rerun.body.identical).toBe(true);
    expect(rerun.body.explanation).toEqual(res.body.decision.explanation);
  });

  it('keeps accepted applications and decisions across a restart', async () => {
    const res = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: '91320594MA1P0ABC1R' } }));
    expect(res.status).toBe(201);
    await svc().restart();
    const dec = await svc().as('applicant').get(`/v1/decisions/${res.body.decision.id}`);
    expect(dec.status).toBe(200);
    expect(dec.body).toEqual(res.body.decision);
  });
});

describe('crash safety', () => {
  it('completes on restart an application whose decision a crash prevented', async () => {
    const m = svc().runtime.context.models;
    const id = 'app_0c0ffee0-0000-4000-8000-000000000001';
    const body = suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: '91440116MA9UPQR89C' } });
    await m.pending.create({ _id: id, since: new Date() });
    await m.applications.create({ _id: id, ...body, applicationDate: '2025-03-15', requestHash: 'x', client: 'default', receivedAt: new Date() });
    await svc().restart();
    expect(svc().runtime.recovered).toBe(1);
    const dec = await svc().as('auditor').get('/v1/decisions/dec_0c0ffee0-0000-4000-8000-000000000001');
    expect(dec.status).toBe(200);
    expect(dec.body.outcome).toBe('approved');
    expect(await svc().runtime.context.models.pending.countDocuments()).toBe(0);
  });

  it('refuses to start when a published version was stored before under another hash', async () => {
    const m = svc().runtime.context.models;
    await m.ruleVersions.create({ _id: 'sha256:tampered', program: '320500/loan-interest-subsidy', version: '2021-01-01', status: 'published', contentHash: 'sha256:0000', text: '{}', firstSeenAt: new Date() });
    await expect(startRuntime({ mongodbUri: svc().uri, writeConcern: { w: 1, journal: true } })).rejects.toThrow(/version 2021-01-01 was published as sha256:0000/);
    await m.ruleVersions.deleteOne({ _id: 'sha256:tampered' });
  });
});

describe('idempotency', () => {
  it('replays the first response for a retry with the same key', async () => {
    const body = suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(3101) } });
    const first = await svc().as('applicant').post('/v1/applications').set('Idempotency-Key', 'retry-1').send(body);
    const again = await svc().as('applicant').post('/v1/applications').set('Idempotency-Key', 'retry-1').send(body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('refuses the same key with a different body (422)', async () => {
    const body = suzhouSubsidyApplication();
    await svc().as('applicant').post('/v1/applications').set('Idempotency-Key', 'retry-2').send(body);
    const other = await svc().as('applicant').post('/v1/applications').set('Idempotency-Key', 'retry-2').send({ ...body, applicationDate: '2025-03-16' });
    expect(other.status).toBe(422);
    documented('POST', '/v1/applications', other);
  });

  it('stores one application and its decisions once for concurrent submissions with one key', async () => {
    const before = await counts();
    const body = suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(3102) } });
    const replies = await Promise.all(Array.from({ length: 8 }, () => svc().as('applicant').post('/v1/applications').set('Idempotency-Key', 'concurrent-1').send(body)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const after = await counts();
    expect(after.applications - before.applications).toBe(1);
    const created = replies.filter((r) => r.status === 201);
    // the city decision and the park's key-industry top-up, which applies to every SIP firm's application
    expect(after.decisions - before.decisions).toBe(1 + created[0]!.body.topUps.length);
    expect(new Set(created.map((r) => r.body.decision.id)).size).toBe(1);
  });
});

describe('bad input gets a problem response naming the field and stores nothing', () => {
  const cases: [string, (r: request.Test) => request.Test, number, string][] = [
    ['a wrong type', (r) => r.send({ ...suzhouSubsidyApplication(), facts: { ...suzhouSubsidyApplication().facts, interestPaid: 400000.5 } }), 400, '/facts/interestPaid'],
    ['money as a float string with three places', (r) => r.send({ ...suzhouSubsidyApplication(), facts: { ...suzhouSubsidyApplication().facts, interestPaid: '1.005' } }), 400, '/facts/interestPaid'],
    ['an unknown field', (r) => r.send({ ...suzhouSubsidyApplication(), extra: 1 }), 400, '/extra'],
    ['an unknown fact', (r) => r.send({ ...suzhouSubsidyApplication(), facts: { ...suzhouSubsidyApplication().facts, favouriteColour: 'red' } }), 400, '/facts/favouriteColour'],
    ['a $-operator', (r) => r.send({ ...suzhouSubsidyApplication(), facts: { $where: 'sleep(1000)' } }), 400, '/facts/$where'],
    ['a dotted key', (r) => r.send({ ...suzhouSubsidyApplication(), beneficiary: { 'uscc.x': 1 } }), 400, '/beneficiary/uscc.x'],
    ['a bad credit code check character', (r) => r.send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: '91320594MA1N6QYX2A' } })), 400, '/beneficiary/uscc'],
    ['a missing field', (r) => r.send({ program: '320500/loan-interest-subsidy', facts: {} }), 400, '/beneficiary'],
    ['an unknown program', (r) => r.send(suzhouSubsidyApplication({ program: '320500/no-such-program' })), 422, '/program'],
    ['a program outside the jurisdiction', (r) => r.send(suzhouSubsidyApplication({ program: '440112/vc-settlement-reward' })), 422, '/beneficiary/jurisdiction'],
    ['malformed JSON', (r) => r.set('Content-Type', 'application/json').send('{"program": '), 400, ''],
    ['a huge body', (r) => r.send({ ...suzhouSubsidyApplication(), facts: { loanId: 'x'.repeat(200_000) } }), 413, ''],
    ['not JSON', (r) => r.set('Content-Type', 'text/plain').send('hello'), 400, ''],
  ];
  it.each(cases)('%s', async (_name, send, status, pointer) => {
    const before = await counts();
    const res = await send(svc().as('applicant').post('/v1/applications'));
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    documented('POST', '/v1/applications', res);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    expect(await counts()).toEqual(before);
  });

  it('answers 404 problems for unknown ids and routes', async () => {
    const a = await svc().as('applicant').get('/v1/applications/app_00000000-0000-0000-0000-000000000000');
    expect(a.status).toBe(404);
    documented('GET', '/v1/applications/{id}', a);
    const d = await svc().as('applicant').get('/v1/decisions/nonsense');
    expect(d.status).toBe(404);
    const r = await svc().as('applicant').get('/v1/nothing-here');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
  });
});
