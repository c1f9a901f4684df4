import { uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

/** Places as division codes tested with `within`; ceilings as caps the explanation names. */
const svc = useTestService({ checkInvariants: true });

const vcFacts = {
  investmentId: 'GZVC-2023-0007', investmentAmount: '10000000', investmentDate: '2023-05-20', investeeJurisdiction: '440300',
  investeeEnrolledTechSme: true, investeeListed: false, investeeAgeYears: '2', investeeBiotech: false, investeeTotalAssets: '10000000',
  investeeRevenue: '5000000', postDealStake: '0.2', investorIsLargestShareholderOrController: false, managerCommittedCapital: '200000000', largestFundPaidIn: '80000000',
};

it('rejects the 440100 VC reward for an investee in Shenzhen (440300), showing the code and the jurisdiction tested', async () => {
  const res = await svc().as('applicant').post('/v1/applications').send({
    program: '440100/vc-investment-reward',
    beneficiary: { uscc: uscc(21, '440112'), name: '广州黄埔科创投资管理有限公司', jurisdiction: '440112' },
    facts: vcFacts,
  });
  expect(res.status).toBe(201);
  expect(res.body.decision.outcome).toBe('rejected');
  expect(res.body.decision.explanation.failingConditions).toEqual([
    { id: 'investeeInGuangzhou', fact: 'investeeJurisdiction', operator: 'within', expected: '440100', actual: '440300' },
  ]);
  const inTianhe = await svc().as('applicant').post('/v1/applications').send({
    program: '440100/vc-investment-reward',
    beneficiary: { uscc: uscc(22, '440112'), name: '广州黄埔科创投资管理有限公司', jurisdiction: '440112' },
    facts: { ...vcFacts, investmentId: 'GZVC-2023-0008', investeeJurisdiction: '440106' },
  });
  expect(inTianhe.status).toBe(201);
  expect(inTianhe.body.decision).toMatchObject({ outcome: 'approved', amount: '1500000.00' });
});

it('shows the 440112 lifetime ceiling as a cap: computed 21,000,000.00, cap 20,000,000.00, cut 1,000,000.00', async () => {
  const res = await svc().as('applicant').post('/v1/applications').send({
    program: '440112/vc-settlement-reward',
    beneficiary: { uscc: uscc(23, '440112'), name: '广州黄埔风投合伙企业', jurisdiction: '440112' },
    facts: { vcForm: 'partnership', paidInCapital: '250000000', cumulativeDistrictInvestment: '360000000' },
  });
  expect(res.status).toBe(201);
  const e = res.body.decision.explanation;
  expect(e.computedAmount).toBe('21000000.00');
  expect(e.calculation.find((s: { id: string }) => s.id === 'partnershipAward').result).toBe('21000000');
  expect(e.caps.find((c: { id: string }) => c.id === 'lifetimeCeiling')).toMatchObject({ limit: '20000000.00', requested: '21000000.00', granted: '20000000.00', cut: '1000000.00' });
  expect(res.body.decision).toMatchObject({ outcome: 'partial', amount: '20000000.00' });
});
