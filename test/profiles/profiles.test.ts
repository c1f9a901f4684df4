import { expectDocumented } from '../support/openapi-responses';
import { useTestService } from '../support/service';
import { uscc } from '../support/fixtures';

/** Enterprise profiles: batches per source, validated per row, idempotent, read as of a date. */
const svc = useTestService({ today: '2025-06-30' });
const ctx = () => svc().runtime.context;

const firm = { uscc: uscc(9101), name: '苏州档案测试科技有限公司', jurisdiction: '320571' };
const other = { uscc: uscc(9102, '440106'), name: '广州档案测试科技有限公司', jurisdiction: '440106' };
const lines = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
const post = (source: string, batch: string, body: string, caller: 'admin' | 'policy-staff' = 'admin') =>
  svc().as(caller).post(`/v1/profile-batches?source=${source}&batch=${batch}`).set('Content-Type', 'application/x-ndjson').send(body);

const taxRows = [
  { beneficiary: firm, validFor: '2024-12-31', facts: { annualRevenue: '50000000', rdExpense: '2500000', totalCost: '40000000' } },
  { beneficiary: other, validFor: '2024-12-31', facts: { annualRevenue: '8000000' } },
];

it('imports the valid rows of a batch and reports each refused row with pointers into it', async () => {
  const res = await post('SZ-TAX', '2024Q4', lines([taxRows[0], '{not json', { beneficiary: firm, validFor: '2024-12-31', facts: { rdExpense: 'a lot', noSuchFact: 1 } }, taxRows[1], { beneficiary: { ...firm, uscc: uscc(9103), jurisdiction: '999999' }, validFor: '2024-12-31', facts: {} }, taxRows[0]]));
  expect(res.status).toBe(200);
  expectDocumented(ctx().registry, ctx().openapi, 'POST', '/v1/profile-batches', res);
  expect(res.body.imported).toBe(2);
  expect(res.body.refused).toEqual([
    { line: 2, errors: [{ pointer: '', detail: 'is not JSON' }] },
    { line: 3, uscc: firm.uscc, errors: expect.arrayContaining([expect.objectContaining({ pointer: '/facts/rdExpense' }), { pointer: '/facts/noSuchFact', detail: 'is not a known field' }]) },
    { line: 5, uscc: uscc(9103), errors: [{ pointer: '/beneficiary/jurisdiction', detail: 'is not a known jurisdiction code' }] },
    { line: 6, uscc: firm.uscc, errors: [{ pointer: '/beneficiary/uscc', detail: 'repeats line 1: one row per enterprise in a batch' }] },
  ]);
});

it('is idempotent per source and batch id, and refuses other content under the same id', async () => {
  const again = await post('SZ-TAX', '2024Q4', lines([taxRows[0], '{not json', { beneficiary: firm, validFor: '2024-12-31', facts: { rdExpense: 'a lot', noSuchFact: 1 } }, taxRows[1], { beneficiary: { ...firm, uscc: uscc(9103), jurisdiction: '999999' }, validFor: '2024-12-31', facts: {} }, taxRows[0]]));
  expect(again.body).toMatchObject({ imported: 0, unchanged: 2 });
  expect(await ctx().models.profileEntries.countDocuments()).toBe(2);
  const changed = await post('SZ-TAX', '2024Q4', lines([{ ...taxRows[0], facts: { rdExpense: '9' } }]));
  expect(changed.status).toBe(409);
  expect(changed.body.errors).toEqual([{ pointer: '/query/batch', detail: 'was imported before with other content' }]);
  expect((await post('SZ TAX', 'x', '')).body.errors[0].pointer).toBe('/query/source');
});

it('never overwrites history: a profile read as of a date takes each fact from the latest entry valid then, naming its source', async () => {
  const res = await post('SIP-STI', '2025-05', lines([{ beneficiary: firm, validFor: '2025-05-31', facts: { rdExpense: '3100000', employees: 120 } }]));
  expect(res.body.imported).toBe(1);

  const early = await svc().as('admin').get(`/v1/profiles/${firm.uscc}?asOf=2025-01-01`);
  expect(early.status).toBe(200);
  expectDocumented(ctx().registry, ctx().openapi, 'GET', '/v1/profiles/{uscc}', early);
  expect(early.body.facts).toEqual({ annualRevenue: '50000000', rdExpense: '2500000', totalCost: '40000000' });
  expect(early.body.origins.rdExpense).toMatchObject({ source: 'SZ-TAX', batch: '2024Q4', validFor: '2024-12-31' });
  expect(early.body.entries.map((e: { batch: string; applied: boolean }) => [e.batch, e.applied])).toEqual([['2024Q4', true], ['2025-05', false]]);

  const late = await svc().as('admin').get(`/v1/profiles/${firm.uscc}`); // today, 2025-06-30
  expect(late.body.asOf).toBe('2025-06-30');
  expect(late.body.facts).toEqual({ annualRevenue: '50000000', rdExpense: '3100000', totalCost: '40000000', employees: 120 });
  expect(late.body.origins.rdExpense).toMatchObject({ source: 'SIP-STI', batch: '2025-05' });
  expect(late.body.origins.annualRevenue).toMatchObject({ source: 'SZ-TAX' });

  expect((await svc().as('admin').get(`/v1/profiles/${firm.uscc}?asOf=2024-06-30`)).status).toBe(404);
  expect((await svc().as('admin').get(`/v1/profiles/${firm.uscc}?asOf=June`)).body.errors[0].pointer).toBe('/query/asOf');
});

it('reads a profile only within the key\'s jurisdictions, and imports only for admins', async () => {
  expect((await svc().as('suzhou-applicant').get(`/v1/profiles/${firm.uscc}`)).status).toBe(200);
  expect((await svc().as('guangzhou-applicant').get(`/v1/profiles/${firm.uscc}`)).status).toBe(404);
  expect((await post('X', 'y', lines([taxRows[0]]), 'policy-staff')).status).toBe(403);
});

it('indexes entries of one enterprise from concurrent batches without losing one', async () => {
  const rows = (n: number) => lines([{ beneficiary: other, validFor: `2025-01-${String(n).padStart(2, '0')}`, facts: { employees: n } }]);
  const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => post('GZ-AMR', `c${n}`, rows(n))));
  expect(results.map((r) => r.body.imported)).toEqual([1, 1, 1, 1, 1, 1]);
  const view = await svc().as('admin').get(`/v1/profiles/${other.uscc}?asOf=2025-01-31`);
  expect(view.body.entries).toHaveLength(7);
  expect(view.body.facts.employees).toBe(6);
});
