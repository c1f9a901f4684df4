import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

/** Once-only claims: every payment program says what makes two applications the same claim. */
const svc = useTestService({ checkInvariants: true });

type Cap = { id: string; granted: string; key?: Record<string, string>; usedBy?: { holder: string }[] };
const capOf = (decision: { explanation: { caps: Cap[] } }, id: string) => decision.explanation.caps.find((c) => c.id === id)!;

describe('once per loan, whatever the spelling (issue 8 item 5)', () => {
  const bank = { uscc: '91320508MA1NBK7Q2L', name: '苏州姑苏科技银行股份有限公司', jurisdiction: '320508' };
  const claim = (loanId: string, borrowerUscc = uscc(674227, '320505')) => ({
    program: '320500/loan-risk-compensation',
    beneficiary: bank,
    facts: { loanId, borrowerUscc, loanIssueDate: '2023-04-18', loanFiledWithProgram: true, borrowerIsTechSme: true, lossConfirmed: true, principalLoss: '1000000' },
  });

  it('pays SZ-674227 once: sz-674227, SZ_674227 and SZ-0674227 are the same loan, named by its normalised key', async () => {
    const first = await svc().as('applicant').post('/v1/applications').send(claim('SZ-674227'));
    expect(first.status).toBe(201);
    expect(first.body.decision).toMatchObject({ outcome: 'approved', amount: '800000.00' });
    expect(capOf(first.body.decision, 'sameClaim').key).toEqual({ beneficiary: bank.uscc, borrowerUscc: uscc(674227, '320505'), loanId: 'SZ674227' });
    for (const spelling of ['sz-674227', 'SZ_674227', 'SZ-0674227']) {
      const again = await svc().as('applicant').post('/v1/applications').send(claim(spelling));
      expect(again.status).toBe(201);
      expect(again.body.decision).toMatchObject({ outcome: 'rejected', amount: '0.00' });
      const cap = capOf(again.body.decision, 'sameClaim');
      expect(cap.key!.loanId).toBe('SZ674227');
      expect(cap.usedBy!.map((h) => h.holder)).toEqual([first.body.decision.id]);
      expect(again.body.decision.explanation.reasons[0]).toMatchObject({ code: 'already-claimed' });
      expect(again.body.decision.explanation.reasons[0].detail).toContain(first.body.decision.id);
      expect(again.body.decision.explanation.summary.en).toContain(`the same claim (one loan (lending bank, borrower, contract number) is one claim) was decided before by ${first.body.decision.id}`);
    }
  });

  it('keys the loan by lender, borrower and contract: another borrower with the same contract number is another loan', async () => {
    const other = await svc().as('applicant').post('/v1/applications').send(claim('SZ-674227', uscc(1, '320505')));
    expect(other.status).toBe(201);
    expect(other.body.decision.outcome).toBe('approved');
  });
});

describe('the same claim through a second door (issue 8 item 6)', () => {
  it('rejects the city interest subsidy submitted again with identical facts, naming the first decision', async () => {
    const first = await svc().as('applicant').post('/v1/applications').set('Idempotency-Key', 'claim-a').send(suzhouSubsidyApplication());
    expect(first.status).toBe(201);
    expect(first.body.decision.outcome).toBe('approved');
    const second = await svc().as('applicant').post('/v1/applications').set('Idempotency-Key', 'claim-b').send(suzhouSubsidyApplication());
    expect(second.status).toBe(201);
    expect(second.body.decision).toMatchObject({ outcome: 'rejected', amount: '0.00' });
    expect(second.body.decision.explanation.reasons[0]).toMatchObject({ code: 'already-claimed' });
    expect(capOf(second.body.decision, 'sameClaim').usedBy!.map((h) => h.holder)).toEqual([first.body.decision.id]);
    const rerun = await svc().as('auditor').post(`/v1/decisions/${second.body.decision.id}/reproduction`);
    expect(rerun.status).toBe(200);
    expect(rerun.body.identical).toBe(true);
    // another loan of the same year is another claim, within the same per-enterprise cap
    const otherLoan = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ facts: { ...suzhouSubsidyApplication().facts, loanId: 'SZ-2024-0002' } }));
    expect(otherLoan.status).toBe(201);
    expect(otherLoan.body.decision).toMatchObject({ outcome: 'partial', amount: '75000.00' });
  });
});

describe('the park top-up (issue 7 item 3)', () => {
  const firm = (n: number) => ({ ...SIP_ENTERPRISE, uscc: uscc(n), name: `苏州园区测试企业${n}` });
  const base = (n: number) => ({ ...suzhouSubsidyApplication({ beneficiary: firm(n) }), facts: { ...suzhouSubsidyApplication().facts, industry: 'biomedicine' } });
  const direct = (n: number) => ({ ...base(n), program: '320571/key-industry-interest-topup' });

  it('refuses a direct submission with a 422 naming the base program', async () => {
    const res = await svc().as('applicant').post('/v1/applications').send(direct(900));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ pointer: '/program', detail: expect.stringContaining('submit to 320500/loan-interest-subsidy') }]);
    expect(res.body.detail).toContain('320500/loan-interest-subsidy');
  });

  it('pays the top-up once for a firm, loan and year: the city subsidy, then the top-up directly, then the subsidy again', async () => {
    const first = await svc().as('applicant').post('/v1/applications').send(base(901));
    expect(first.status).toBe(201);
    expect(first.body.topUps).toHaveLength(1);
    expect(first.body.topUps[0]).toMatchObject({ outcome: 'approved', amount: '180000.00', topUpOf: first.body.decision.id });
    expect(first.body.combined).toMatchObject({ rate: expect.any(String), amount: '405000.00' });
    expect(first.body.combined.shares.map((s: { program: string; funding: unknown }) => [s.program, s.funding !== null])).toEqual([
      ['320500/loan-interest-subsidy', true],
      ['320571/key-industry-interest-topup', true],
    ]);
    expect((await svc().as('applicant').post('/v1/applications').send(direct(901))).status).toBe(422);
    const again = await svc().as('applicant').post('/v1/applications').send(base(901));
    expect(again.status).toBe(201);
    expect(again.body.topUps[0]).toMatchObject({ outcome: 'rejected', amount: '0.00' });
    const paid = await svc().runtime.context.models.decisions.find({ beneficiaryUscc: firm(901).uscc, program: '320571/key-industry-interest-topup' }).lean();
    expect(paid.filter((d) => (d.amountFen ?? 0) > 0)).toHaveLength(1);
  });

  it('pays it once under 50 concurrent attempts, base submissions and direct ones mixed', async () => {
    const attempts = Array.from({ length: 50 }, (_, i) =>
      svc().as('applicant').post('/v1/applications').set('Idempotency-Key', `topup-race-${i}`).send(i % 2 ? direct(902) : base(902)),
    );
    const answers = await Promise.all(attempts);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(25);
    expect(statuses.filter((s) => s === 422)).toHaveLength(25);
    const paidTopUps = answers.flatMap((a) => (a.status === 201 ? a.body.topUps : [])).filter((t: { outcome: string }) => t.outcome === 'approved' || t.outcome === 'partial');
    expect(paidTopUps).toHaveLength(1);
    const stored = await svc().runtime.context.models.decisions.find({ beneficiaryUscc: firm(902).uscc, program: '320571/key-industry-interest-topup' }).lean();
    expect(stored.filter((d) => (d.amountFen ?? 0) > 0)).toHaveLength(1);
    expect(stored.every((d) => d.topUpOf !== null)).toBe(true);
  });
});
