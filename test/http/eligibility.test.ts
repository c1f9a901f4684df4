import request from 'supertest';
import { expectDocumented } from '../support/openapi-responses';
import { SIP_ENTERPRISE, suzhouSubsidyApplication } from '../support/fixtures';
import { useTestService } from '../support/service';

const svc = useTestService();

const documented = (method: string, path: string, res: request.Response) =>
  expectDocumented(svc().runtime.context.registry, svc().runtime.context.openapi, method, path, res);

const profile = {
  beneficiary: SIP_ENTERPRISE,
  applicationDate: '2025-03-15',
  facts: {
    ...suzhouSubsidyApplication().facts,
    qualifications: [],
    employees: 120, techStaff: 40, annualRevenue: '60000000', totalAssets: '90000000', totalCost: '50000000', rdExpense: '4000000',
    classOneIpCount: 1, classTwoIpCount: 0, onSeriousDishonestyList: false, onAbnormalOperationList: false,
    holdsHighTechCertificate: false, nationalAwardTop3InLast5Years: false, hasProvincialRdInstitution: false, ledStandardInLast5Years: false,
  },
};

describe('eligibility checks', () => {
  it('evaluates every program of the jurisdiction chain, eligible first, storing nothing', async () => {
    const res = await svc().as('applicant').post('/v1/eligibility-checks').send({ ...profile, programs: ['CN/tech-sme-evaluation', '320500/loan-interest-subsidy'] });
    expect(res.status).toBe(200);
    documented('POST', '/v1/eligibility-checks', res);
    const byProgram = Object.fromEntries(res.body.results.map((r: { program: string }) => [r.program, r]));
    expect(Object.keys(byProgram).sort()).toEqual(['320500/loan-interest-subsidy', 'CN/tech-sme-evaluation']);
    expect(byProgram['CN/tech-sme-evaluation'].outcome).toBe('approved');
    expect(byProgram['320500/loan-interest-subsidy']).toMatchObject({ outcome: 'approved', estimatedAmount: '225000.00' });
    expect(byProgram['320500/loan-interest-subsidy'].capsRoom).toEqual([
      { cap: 'sameClaim', title: expect.any(Object), limit: '1', used: '0', available: '1' },
      { cap: 'perEnterpriseYear', title: expect.any(Object), limit: '300000.00', used: '0.00', available: '300000.00' },
      { cap: 'annualBudget', title: expect.any(Object), limit: '50000000.00', used: '0.00', available: '50000000.00' },
    ]);
    const m = svc().runtime.context.models;
    expect(await m.applications.countDocuments()).toBe(0);
    expect(await m.ledgerEntries.countDocuments()).toBe(0);
  });

  it('shows the room left after earlier decisions, and what is missing for the undecided', async () => {
    await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication());
    const res = await svc().as('applicant').post('/v1/eligibility-checks')
      .send({ ...profile, programs: ['CN/tech-sme-evaluation', '320500/loan-interest-subsidy'], facts: { ...profile.facts, independentLegalPerson: undefined, onSeriousDishonestyList: undefined } });
    const [first, second] = res.body.results;
    expect(res.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['needs-information', 'needs-information']);
    expect(first.missingFacts.concat(second.missingFacts)).toEqual(expect.arrayContaining(['onSeriousDishonestyList', 'independentLegalPerson']));
    // the same loan and year is the claim already decided; another loan has the room left
    const same = await svc().as('applicant').post('/v1/eligibility-checks').send({ ...profile, programs: ['320500/loan-interest-subsidy'] });
    expect(same.status).toBe(200);
    expect(same.body.results[0]).toMatchObject({ outcome: 'rejected', estimatedAmount: '0.00' });
    expect(same.body.results[0].explanation.reasons[0].code).toBe('already-claimed');
    const ok = await svc().as('applicant').post('/v1/eligibility-checks').send({ ...profile, programs: ['320500/loan-interest-subsidy'], facts: { ...profile.facts, loanId: 'SZ-2024-0009' } });
    expect(ok.status).toBe(200);
    expect(ok.body.results).toHaveLength(1);
    expect(ok.body.results[0]).toMatchObject({ outcome: 'partial', estimatedAmount: '75000.00' });
    expect(ok.body.results[0].capsRoom[1]).toMatchObject({ used: '225000.00', available: '75000.00' });
  });

  it('answers, per program lacking facts, the full list still needed, not one layer at a time', async () => {
    const res = await svc().as('applicant').post('/v1/eligibility-checks')
      .send({ beneficiary: SIP_ENTERPRISE, applicationDate: '2025-03-15', programs: ['320500/loan-interest-subsidy'], facts: { subsidyYear: 2024 } });
    expect(res.status).toBe(200);
    documented('POST', '/v1/eligibility-checks', res);
    const [r] = res.body.results;
    expect(r.outcome).toBe('needs-information');
    // eligibility facts (its tech-SME dependency's included), the amount's facts and the claim's loan at once;
    // the guarantee fee has a declared default
    const dependency = ['annualRevenue', 'classOneIpCount', 'classTwoIpCount', 'employees', 'hasProvincialRdInstitution', 'holdsHighTechCertificate', 'ledStandardInLast5Years',
      'nationalAwardTop3InLast5Years', 'onAbnormalOperationList', 'onSeriousDishonestyList', 'rdExpense', 'techStaff', 'totalAssets', 'totalCost'];
    const own = ['enrolledOnTechFinancePlatform', 'independentLegalPerson', 'interestPaid', 'loanFiledWithProgram', 'loanId', 'qualifications', 'seriousDishonestyInLast3Years'];
    expect(r.stillNeeded).toEqual([...dependency, ...own].sort());
    expect(r.missingFacts.length).toBeLessThan(r.stillNeeded.length);
    expect(r.stillNeeded).not.toContain('guaranteeFeesPaid');
  });

  it('refuses a program outside the chain, naming it', async () => {
    const res = await svc().as('applicant').post('/v1/eligibility-checks').send({ ...profile, programs: ['440100/credit-risk-compensation'] });
    expect(res.status).toBe(422);
    documented('POST', '/v1/eligibility-checks', res);
    expect(res.body.errors[0].pointer).toBe('/programs/0');
  });
});

describe('programs', () => {
  it('lists programs by jurisdiction code and name with versions and dates', async () => {
    const res = await svc().as('applicant').get('/v1/programs');
    expect(res.status).toBe(200);
    documented('GET', '/v1/programs', res);
    const loan = res.body.programs.find((p: { key: string }) => p.key === '320500/loan-interest-subsidy');
    expect(loan).toMatchObject({ jurisdiction: '320500', name: 'loan-interest-subsidy', kind: 'payment' });
    expect(loan.versions.map((v: { version: string; effectiveFrom: string; effectiveUntil: string | null }) => [v.version, v.effectiveFrom, v.effectiveUntil])).toEqual([
      ['2018-01-01', '2018-01-01', '2020-12-31'],
      ['2021-01-01', '2021-01-01', null],
    ]);
    const sip = await svc().as('applicant').get('/v1/programs?jurisdiction=320571');
    expect(sip.body.programs.map((p: { key: string }) => p.key)).toEqual([
      'CN/tech-sme-evaluation',
      '320500/loan-interest-subsidy',
      '320500/loan-risk-compensation',
      '320500/tech-insurance-premium-subsidy',
      '320571/key-industry-interest-topup',
      '320571/loan-interest-subsidy',
    ]);
    const bad = await svc().as('applicant').get('/v1/programs?jurisdiction=999999');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].pointer).toBe('/query/jurisdiction');
    const unknown = await svc().as('applicant').get('/v1/programs?colour=red');
    expect(unknown.status).toBe(400);
  });

  it('reads one version of a program with its rules', async () => {
    const res = await svc().as('applicant').get('/v1/programs/440100/credit-risk-compensation/versions/2025-10-01');
    expect(res.status).toBe(200);
    documented('GET', '/v1/programs/{jurisdiction}/{name}/versions/{version}', res);
    expect(res.body.rules.parameters.maxBankRate).toMatchObject({ value: '0.50', provenance: 'sourced' });
    expect(res.body.effectiveUntil).toBe('2028-09-30');
    const missing = await svc().as('applicant').get('/v1/programs/440100/credit-risk-compensation/versions/1999-01-01');
    expect(missing.status).toBe(404);
  });

  it('answers health and readiness', async () => {
    const h = await request(svc().app).get('/healthz');
    expect(h.status).toBe(200);
    documented('GET', '/healthz', h);
    const r = await request(svc().app).get('/readyz');
    expect(r.status).toBe(200);
    documented('GET', '/readyz', r);
  });
});
