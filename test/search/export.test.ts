import request from 'supertest';
import type { DecisionRecord } from '../../src/store/decision-log';
import { csvField } from '../../src/search/decision-export';
import { uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

const svc = useTestService();

function record(i: number): DecisionRecord {
  const place = i % 2 ? '320571' : '440106';
  return {
    decisionId: `dec_x${String(i).padStart(4, '0')}`,
    applicationId: `app_x${i}`,
    program: place === '320571' ? '320500/loan-interest-subsidy' : '440100/innovation-contest-grant',
    programJurisdiction: place === '320571' ? '320500' : '440100',
    version: '2021-01-01',
    ruleHash: null,
    jurisdiction: place,
    jurisdictionChain: place === '320571' ? ['320571', '320500', '320000', 'CN'] : ['440106', '440100', '440000', 'CN'],
    uscc: uscc(i, place),
    // names a spreadsheet would mistake for formulas or split, and Chinese text
    beneficiaryName: i % 7 === 0 ? `=HYPERLINK("http://evil","点我"),${i}` : `苏州“纳微”科技, 第${i}号\n分公司`,
    client: 'key_export',
    outcome: i % 5 === 0 ? 'rejected' : 'approved',
    amountFen: i % 5 === 0 ? null : 123_456_78 + i,
    reasons: i % 5 === 0 ? ['conditions-not-met', 'missing-facts'] : ['eligible'],
    applicationDate: '2025-03-15',
    decidedAt: new Date(Date.parse('2025-03-15T02:00:00Z') + i * 1000).toISOString(),
    topUpOf: null,
    decisionHash: `sha256:${'c'.repeat(64)}`,
  };
}

/** A minimal RFC 4180 reader, to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  return rows;
}

beforeAll(async () => {
  await svc().runtime.context.repositories.decisionLog.append(Array.from({ length: 1200 }, (_, i) => record(i)));
});

/** The body as text, whatever its type (supertest buffers only the types it knows). */
const text = (req: request.Test) =>
  req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
  });

const sumYuan = (amounts: (string | null)[]) => {
  const fen = amounts.reduce((a, x) => a + (x === null || x === '' ? 0n : BigInt(x.replace('.', ''))), 0n);
  return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
};

describe('GET /v1/decisions/export', () => {
  it.each(['jurisdiction=320500', 'outcome=rejected', 'jurisdiction=440100&minAmount=123460'])('CSV (UTF-8 with BOM) of %s matches the search totals', async (filters) => {
    const search = await svc().as('auditor').get(`/v1/decisions?${filters}&limit=1`);
    const res = await svc().as('auditor').get(`/v1/decisions/export?${filters}&format=csv`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows.length).toBe(search.body.totals.count);
    const amount = header!.indexOf('amount');
    expect(sumYuan(rows.map((r) => r[amount]!))).toBe(search.body.totals.amount);
    expect(res.headers['x-total-count']).toBe(String(search.body.totals.count));
    expect(res.headers['x-total-amount']).toBe(search.body.totals.amount);
    // a name survives quoting, Chinese and line breaks included; a formula is defused
    const name = header!.indexOf('beneficiaryName');
    expect(rows.some((r) => r[name]!.includes('“纳微”科技, 第') && r[name]!.includes('\n分公司'))).toBe(true);
    expect(rows.every((r) => !r[name]!.startsWith('='))).toBe(true);
  });

  it('JSON Lines match the search page by page, in log order', async () => {
    const res = await text(svc().as('auditor').get('/v1/decisions/export?format=jsonl&jurisdiction=320571'));
    expect(res.status).toBe(200);
    const lines = (res.body as string).trimEnd().split('\n').map((l) => JSON.parse(l));
    const pages: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await svc().as('auditor').get(`/v1/decisions?jurisdiction=320571&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...page.body.decisions);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(lines).toEqual(pages);
  });

  it('applies the caller scope, refuses a bad format or filter naming it, and refuses applicant systems', async () => {
    const created = await svc().as('admin').post('/v1/api-keys').send({ name: 'Guangzhou auditor', role: 'auditor', jurisdictions: ['440100'] });
    const res = await text(request(svc().app).get('/v1/decisions/export?format=jsonl').set('Authorization', `Bearer ${created.body.token}`));
    const lines = (res.body as string).trimEnd().split('\n').map((l) => JSON.parse(l) as { jurisdiction: string });
    expect(lines.length).toBe(600);
    expect(lines.every((l) => l.jurisdiction === '440106')).toBe(true);
    const bad = await svc().as('auditor').get('/v1/decisions/export?format=xlsx');
    expect([bad.status, bad.body.errors[0].pointer]).toEqual([422, '/query/format']);
    const badFilter = await svc().as('auditor').get('/v1/decisions/export?minAmount=abc');
    expect([badFilter.status, badFilter.body.errors[0].pointer]).toEqual([422, '/query/minAmount']);
    expect((await svc().as('applicant').get('/v1/decisions/export')).status).toBe(403);
  });

  it('quotes CSV fields per RFC 4180 and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField(['x', 'y'])).toBe('x;y');
    expect(csvField(null)).toBe('');
  });
});
