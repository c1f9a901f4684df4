import request from 'supertest';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

const svc = useTestService({ checkInvariants: true });

async function ledgerTotal(ledger: string): Promise<number> {
  const last = await svc().runtime.context.models.ledgerEntries.findOne({ ledger }).sort({ seq: -1 }).lean();
  return last?.usedAfter ?? 0;
}

async function decidedFen(filter: Record<string, unknown>): Promise<number> {
  const docs = await svc().runtime.context.models.decisions.find(filter).lean();
  return docs.reduce((sum, d) => sum + (d.amountFen ?? 0), 0);
}

it('approves exactly 5 of 50 concurrent applications when the budget has room for 5', async () => {
  const ledger = '320500/loan-interest-subsidy|annualBudget|2024';
  const seededFen = (50_000_000 - 5 * 225_000) * 100;
  await svc().runtime.context.models.ledgerEntries.create({ _id: `${ledger}#1`, ledger, seq: 1, holder: 'earlier-decisions', kind: 'take', units: seededFen, usedAfter: seededFen, at: new Date() });

  const replies = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(1000 + i) } })),
    ),
  );
  expect(replies.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
  const outcomes = replies.map((r) => `${r.body.decision.outcome} ${r.body.decision.amount}`);
  expect(outcomes.filter((o) => o === 'approved 225000.00')).toHaveLength(5);
  expect(outcomes.filter((o) => o === 'rejected 0.00')).toHaveLength(45);
  for (const r of replies.filter((x) => x.body.decision.outcome === 'rejected')) {
    expect(r.body.decision.explanation.reasons[0]).toMatchObject({ code: 'cap-reached' });
  }
  const total = await ledgerTotal(ledger);
  expect(total).toBe(50_000_000 * 100);
  expect(total - seededFen).toBe(await decidedFen({ program: '320500/loan-interest-subsidy' }));
});

it('never lets one enterprise past its annual cap with concurrent applications', async () => {
  const enterprise = { ...SIP_ENTERPRISE, uscc: uscc(9999) };
  // ten loans of one enterprise in one year: ten claims, one annual cap
  const body = (i: number) => suzhouSubsidyApplication({ beneficiary: enterprise, facts: { ...suzhouSubsidyApplication().facts, loanId: `SZ-2023-${i}`, subsidyYear: 2023, interestPaid: '200000', guaranteeFeesPaid: '0' } });
  const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => svc().as('applicant').post('/v1/applications').send(body(i))));
  expect(replies.map((r) => r.status)).toEqual(Array(10).fill(201));
  const amounts = replies.map((r) => r.body.decision.amount as string);
  expect(amounts.filter((a) => a === '100000.00')).toHaveLength(3);
  expect(amounts.filter((a) => a === '0.00')).toHaveLength(7);
  const ledger = `320500/loan-interest-subsidy|perEnterpriseYear|${enterprise.uscc}|2023`;
  expect(await ledgerTotal(ledger)).toBe(300_000 * 100);
  expect(await decidedFen({ beneficiaryUscc: enterprise.uscc })).toBe(300_000 * 100);
});
