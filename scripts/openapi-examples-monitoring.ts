/**
 * Writes openapi/examples/ for the monitoring operations (statistics, risk warnings, metrics) as
 * a real service on a throw-away database answers them: `npx tsx scripts/openapi-examples-monitoring.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_DIR } from '../src/paths';
import { startTestService } from '../test/support/service';
import { suzhouSubsidyApplication, uscc } from '../test/support/fixtures';

const DIR = join(OPENAPI_DIR, 'examples');
const write = (name: string, value: unknown) => writeFileSync(join(DIR, `${name}.json`), JSON.stringify(value, null, 2) + '\n');

async function main(): Promise<void> {
  const svc = await startTestService('2025-07-01');
  try {
    for (let i = 0; i < 3; i++) {
      const res = await svc.as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { uscc: uscc(900 + i, '320594'), name: `苏州示例科技有限公司${i + 1}`, jurisdiction: i === 2 ? '320505' : '320571' }, facts: { ...suzhouSubsidyApplication().facts, loanId: `SZ-2024-EX${i}` } }));
      if (res.status !== 201) throw new Error(`submit answered ${res.status}: ${res.text}`);
    }
    const ctx = svc.runtime.context;
    await ctx.repositories.ledgers.take({ ledger: '320500/loan-risk-compensation|riskPool|lifetime', measure: 'amount', limit: 20_000_000_000, request: 16_500_000_000, holder: 'example:claims' });
    const stats = await svc.as('auditor').get('/v1/statistics?jurisdiction=320500&from=2025-01-01&to=2025-12-31');
    write('getStatistics', { responses: { '200': { ...stats.body, budgets: stats.body.budgets.slice(0, 3) } } });
    const evaluated = await svc.as('policy-staff').post('/v1/warnings/evaluation');
    write('evaluateWarnings', { responses: { '200': evaluated.body } });
    const id = evaluated.body.warnings[0].id as string;
    const note = { note: '已通知市科技局预算处，追加资金池额度审批中 / budget office informed; pool top-up under review' };
    const ack = await svc.as('policy-staff').post(`/v1/warnings/${id}/acknowledgements`).send(note);
    write('acknowledgeWarning', { request: note, responses: { '201': ack.body } });
    write('listWarnings', { responses: { '200': (await svc.as('auditor').get('/v1/warnings')).body } });
    const metrics = (await svc.as('admin').get('/metrics')).text.split('\n').filter((l) => /^(# (HELP|TYPE) )?subsidy_(http_requests_total|decisions_total|rule_version_info)/.test(l)).slice(0, 14);
    write('metrics', { responses: { '200': metrics.join('\n') + '\n' } });
  } finally {
    await svc.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
