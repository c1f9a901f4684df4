import request from 'supertest';
import { expectDocumented } from '../support/openapi-responses';
import { SIP_ENTERPRISE, suzhouSubsidyApplication } from '../support/fixtures';
import { useTestService } from '../support/service';

/** explain=summary on eligibility checks, engine=reference on reproductions, ledger room seen at once. */
const svc = useTestService();

const documented = (method: string, path: string, res: request.Response) =>
  expectDocumented(svc().runtime.context.registry, svc().runtime.context.openapi, method, path, res);

const scoreFacts = {
  qualifications: [], employees: 120, techStaff: 40, annualRevenue: '60000000', totalAssets: '90000000', totalCost: '50000000', rdExpense: '4000000',
  classOneIpCount: 1, classTwoIpCount: 0, onSeriousDishonestyList: false, onAbnormalOperationList: false,
  holdsHighTechCertificate: false, nationalAwardTop3InLast5Years: false, hasProvincialRdInstitution: false, ledStandardInLast5Years: false,
};
const profile = { beneficiary: SIP_ENTERPRISE, applicationDate: '2025-03-15', facts: { ...suzhouSubsidyApplication().facts, ...scoreFacts } };

describe('engine options over HTTP', () => {
  it('explain=summary answers the same results with each explanation cut to its summary and reasons', async () => {
    const full = await svc().as('applicant').post('/v1/eligibility-checks').send(profile);
    const brief = await svc().as('applicant').post('/v1/eligibility-checks?explain=summary').send(profile);
    expect(brief.status).toBe(200);
    documented('POST', '/v1/eligibility-checks', brief);
    expect(brief.body.results.length).toBeGreaterThan(1);
    expect(JSON.stringify(brief.body).length).toBeLessThan(JSON.stringify(full.body).length / 3);
    const expected = full.body.results.map(({ explanation, ...rest }: { explanation: { summary: unknown; reasons: unknown } }) => ({ ...rest, summary: explanation.summary, reasons: explanation.reasons }));
    expect(brief.body.results).toEqual(expected);
    const explicit = await svc().as('applicant').post('/v1/eligibility-checks?explain=full').send(profile);
    expect(explicit.body).toEqual(full.body);
  });

  it('refuses an unknown explain level with a problem naming the parameter', async () => {
    const res = await svc().as('applicant').post('/v1/eligibility-checks?explain=short').send(profile);
    expect(res.status).toBe(400);
    documented('POST', '/v1/eligibility-checks', res);
    expect(res.body.errors).toEqual([{ pointer: '/query/explain', detail: expect.any(String) }]);
  });

  it('an estimate shows room taken by a decision of this process at once', async () => {
    const before = await svc().as('applicant').post('/v1/eligibility-checks').send({ ...profile, programs: ['320500/loan-interest-subsidy'] });
    const firmCap = (res: { body: { results: { capsRoom: { cap: string }[] }[] } }) => res.body.results[0]!.capsRoom.find((c) => c.cap === 'perEnterpriseYear');
    expect(firmCap(before)).toMatchObject({ cap: 'perEnterpriseYear', used: '0.00' });
    const applied = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ facts: { ...suzhouSubsidyApplication().facts, ...scoreFacts } }));
    expect(applied.body.decision.outcome).toBe('approved');
    // another loan of the firm in the same year: the firm's annual cap shows what the decision took
    const after = await svc().as('applicant').post('/v1/eligibility-checks').send({ ...profile, facts: { ...profile.facts, loanId: 'SZ-2024-0009' }, programs: ['320500/loan-interest-subsidy'] });
    expect(firmCap(after)).toMatchObject({ cap: 'perEnterpriseYear', used: applied.body.decision.amount });
  });

  it('re-runs a decision on the reference engine and says both engines agree', async () => {
    const applied = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: '91320594MA1P0ABC1R' }, facts: { ...suzhouSubsidyApplication().facts, ...scoreFacts } }));
    const id = applied.body.decision.id as string;
    const reference = await svc().as('auditor').post(`/v1/decisions/${id}/reproduction?engine=reference`);
    expect(reference.status).toBe(200);
    documented('POST', '/v1/decisions/{id}/reproduction', reference);
    expect(reference.body).toMatchObject({ identical: true, engine: 'reference', enginesAgree: true });
    expect(reference.body.explanation).toEqual(applied.body.decision.explanation);
    const compiled = await svc().as('auditor').post(`/v1/decisions/${id}/reproduction`);
    expect(compiled.body.identical).toBe(true);
    expect(compiled.body.enginesAgree).toBeUndefined();
    const wrong = await svc().as('auditor').post(`/v1/decisions/${id}/reproduction?engine=fast`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].pointer).toBe('/query/engine');
  });
});
