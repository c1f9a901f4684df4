import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCheckCharacter } from '../../src/adjudication/uscc';
import { PROJECT_ROOT } from '../../src/paths';

/** A valid unified social credit code, different for each n (area code of the firm). */
export function firm(n: number, area = '320505'): string {
  return withCheckCharacter(`91${area}MB${String(n).padStart(7, '0')}`);
}

/** A submission; the service dates it (the receipt date), so none states an application date. */
type Body = { program: string; beneficiary: { uscc: string; name: string; jurisdiction: string }; facts: Record<string, unknown> };

function caseDefaults(programDir: string): Body {
  const file = JSON.parse(readFileSync(join(PROJECT_ROOT, 'rules', programDir, 'cases.json'), 'utf8')) as { program: string; defaults: Omit<Body, 'program'> & { applicationDate?: string } };
  const { applicationDate: _, ...defaults } = file.defaults;
  return { program: file.program, ...defaults };
}

const suzhouLoan = (n: number, jurisdiction: string, subsidyYear = 2024): Body => ({
  program: '320500/loan-interest-subsidy',
  beneficiary: { uscc: firm(n, jurisdiction), name: `firm ${n}`, jurisdiction },
  facts: {
    subsidyYear, independentLegalPerson: true, seriousDishonestyInLast3Years: false, enrolledOnTechFinancePlatform: true,
    loanFiledWithProgram: true, qualifications: ['high-tech'], industry: 'biomedicine', interestPaid: '400000', guaranteeFeesPaid: '50000',
    loanId: `SZ-${n}`,
  },
});

/** The request shapes the benchmark sends, each for a distinct firm n. */
export const workloads = {
  /** No cap applies (the 2021 version of Henan's risk compensation has none). */
  uncapped: (n: number): Body => {
    const d = caseDefaults('410000/tech-loan-risk-compensation');
    return { ...d, beneficiary: { ...d.beneficiary, uscc: firm(n, '410000') }, facts: { ...d.facts, loanId: `L-${n}`, loanIssueDate: '2023-09-01', claimYear: 2024 } };
  },
  /** One cap: a lifetime entitlement per fund manager. */
  capped: (n: number): Body => {
    const d = caseDefaults('440112/vc-settlement-reward');
    return { ...d, beneficiary: { ...d.beneficiary, uscc: firm(n, '440112') } };
  },
  /** Suzhou's city subsidy (annual budget + per-enterprise cap) outside the park, subsidy year 2023: the hot budget. */
  hotBudget: (n: number): Body => suzhouLoan(n, '320505', 2023),
  /** Suzhou Industrial Park (subsidy year 2024): the city budget plus the park's top-up with its own caps. */
  suzhouWithTopUp: (n: number): Body => {
    const b = suzhouLoan(n, '320571');
    // a smaller loan, so the benchmark's few hundred approvals fit in the year's budget
    return { ...b, facts: { ...b.facts, interestPaid: '100000', guaranteeFeesPaid: '10000' } };
  },
  /** Suzhou's insurance-premium subsidy (a per-enterprise cap): the shape seeded in bulk. */
  insurance: (n: number): Body => {
    const d = caseDefaults('320500/tech-insurance-premium-subsidy');
    return { ...d, beneficiary: { ...d.beneficiary, uscc: firm(n, '320505') } };
  },
  /** One enterprise claiming again and again against its annual cap. */
  oneEnterprise: (n: number): Body => ({ ...suzhouLoan(0, '320505', 2023), facts: { ...suzhouLoan(0, '320505', 2023).facts, loanId: `ONE-${n}`, interestPaid: String(50000 + n) } }),
};

export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Runs `count` calls, `concurrency` at a time; returns each latency (ms) and the elapsed time. */
export async function drive(count: number, concurrency: number, call: (i: number) => Promise<void>): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await call(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - t0) / 1000 };
}

/** POSTs an application over HTTP; returns the status (0 when the connection failed). */
export async function post(base: string, token: string, body: unknown, key?: string): Promise<{ status: number; body: unknown }> {
  try {
    const res = await fetch(`${base}/v1/applications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...(key ? { 'Idempotency-Key': key } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  } catch {
    return { status: 0, body: null };
  }
}
