import request from 'supertest';
import { MAX_FEN, MAX_STATED_YUAN, toFen, Decimal } from '../../src/money/decimal';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

/**
 * Amounts the money pattern admits but the service cannot carry are refused at validation; an
 * application whose decision fails when recovery finishes it is set aside, never blocking a start.
 */
const svc = useTestService();
const models = () => svc().runtime.context.models;

const parkFacts = { averageLoanBalance: '1000000', lpr: '0.0345', loanInterestRate: '0.0435', netAssets: '8000000', annualRevenue: '50000000', parkLoanProduct: false, interestPaid: '43500', subsidyYear: 2024 };

describe('amounts out of range', () => {
  it.each([
    ['320500/loan-interest-subsidy', 'interestPaid', suzhouSubsidyApplication().facts],
    ['320500/loan-risk-compensation', 'principalLoss', { loanId: 'SZ-1', loanIssueDate: '2023-04-18', loanFiledWithProgram: true, borrowerIsTechSme: true, lossConfirmed: true, principalLoss: '1000000' }],
    ['320571/loan-interest-subsidy', 'averageLoanBalance', parkFacts],
  ])('%s with %s near the top of the pattern: 422 naming the field, nothing stored', async (program, field, facts) => {
    const before = await models().applications.countDocuments();
    for (const amount of ['9999999999999999', '9999999999999999.99', MAX_STATED_YUAN.plus('0.01').toFixed(2)]) {
      const res = await svc().as('applicant').post('/v1/applications').send({ program, beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(7001) }, facts: { ...facts, [field]: amount } });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: `/facts/${field}`, detail: expect.stringContaining('out of range') })]);
      const check = await svc().as('applicant').post('/v1/eligibility-checks').send({ beneficiary: SIP_ENTERPRISE, facts: { ...facts, [field]: amount } });
      expect(check.status).toBe(422);
      expect(check.body.errors[0].pointer).toBe(`/facts/${field}`);
    }
    expect(await models().applications.countDocuments()).toBe(before);
    expect(await models().pending.countDocuments()).toBe(0);
  });

  it('accepts the largest stated amount, and its products stay representable', async () => {
    const res = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(7002) }, facts: { ...suzhouSubsidyApplication().facts, interestPaid: MAX_STATED_YUAN.toFixed(2) } }));
    expect(res.status).toBe(201);
    expect(MAX_STATED_YUAN.times(100).times(100).lte(MAX_FEN)).toBe(true);
    expect(() => toFen(new Decimal('90071992547409.92'))).toThrow(/out of range/);
  });
});

describe('a poison application in recovery', () => {
  it('is set aside at start-up, listed for administrators, and the service starts', async () => {
    // an application an earlier version accepted, interrupted before its decision
    const id = 'app_00000000-0000-4000-8000-00000000dead';
    await models().applications.create({
      _id: id,
      program: '320500/loan-interest-subsidy',
      beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(7003) },
      applicationDate: '2025-03-15',
      facts: { ...suzhouSubsidyApplication().facts, interestPaid: '9999999999999999' },
      requestHash: 'sha256:x',
      client: 'earlier',
      receivedAt: new Date(),
    });
    await models().pending.create({ _id: id, since: new Date() });

    await svc().restart();
    expect(svc().runtime.setAside).toBe(1);
    expect(await models().pending.countDocuments()).toBe(0);
    expect(await models().decisions.countDocuments({ applicationId: id })).toBe(0);
    const listed = await svc().as('admin').get('/v1/set-aside-applications');
    expect(listed.status).toBe(200);
    expect(listed.body.applications).toEqual([expect.objectContaining({ applicationId: id, stage: 'recovery', error: expect.stringContaining('out of range'), jurisdiction: '320571' })]);
    // a Guangzhou administrator does not see Suzhou's; no other role lists them
    const gz = await svc().as('admin').post('/v1/api-keys').send({ name: 'Guangzhou admin', role: 'admin', jurisdictions: ['440100'] });
    const gzList = await request(svc().app).get('/v1/set-aside-applications').set('Authorization', `Bearer ${gz.body.token}`);
    expect(gzList.body.applications).toEqual([]);
    expect((await svc().as('auditor').get('/v1/set-aside-applications')).status).toBe(403);

    await svc().restart(); // and stays out of the way of every later start
    expect(svc().runtime.setAside).toBe(0);
    const res = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(7004) } }));
    expect(res.status).toBe(201);
  });
});
