import type { FailingCondition } from '../../src/adjudication/explanation';
import { escapeMarkdown } from '../../src/readable/render';
import { exactYuan, policyAmount } from '../../src/readable/words';
import { Decimal } from '../../src/money/decimal';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

const svc = useTestService({ today: '2025-06-30' });

const HOSTILE_NAME = '<script>alert("x")</script>苏州*恶意*|公司&';
let rejected: { id: string; failing: FailingCondition[] };
let capped: { id: string };

beforeAll(async () => {
  const s = svc();
  const a = await s.as('suzhou-applicant').post('/v1/applications').send(
    suzhouSubsidyApplication({
      beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(4001), name: HOSTILE_NAME },
      facts: { ...suzhouSubsidyApplication().facts, independentLegalPerson: false, enrolledOnTechFinancePlatform: false, qualifications: ['none-such'].slice(1) },
    }),
  );
  expect(a.status).toBe(201);
  rejected = { id: a.body.decision.id, failing: a.body.decision.explanation.failingConditions };
  expect(rejected.failing.length).toBeGreaterThanOrEqual(2);
  // the README's example: the lifetime ceiling cuts 100万; the company branch fails on vcForm and paid-in capital
  const b = await s.as('applicant').post('/v1/applications').send({
    program: '440112/vc-settlement-reward',
    beneficiary: { uscc: '91440101MA59HJK451', name: '广州黄埔创新投资管理有限公司', jurisdiction: '440112' },
    facts: { vcForm: 'partnership', paidInCapital: '250000000', cumulativeDistrictInvestment: '350000000' },
  });
  expect(b.status).toBe(201);
  capped = { id: b.body.decision.id };
});

/** How an actual value reads on the page. */
function shown(value: unknown, fact: string, lang: 'zh' | 'en'): string[] {
  if (value === null || value === undefined) return [lang === 'zh' ? '（未提供）' : '(not provided)'];
  if (typeof value === 'boolean') return [value ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no'];
  if (Array.isArray(value)) return value.flatMap((v) => shown(v, fact, lang));
  if (['paidInCapital', 'interestPaid', 'guaranteeFeesPaid'].includes(fact)) return [exactYuan(new Decimal(String(value)))];
  return [String(value)];
}

const get = (url: string, headers: Record<string, string> = {}) => {
  let req = svc().as('auditor').get(url);
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  return req.buffer(true).parse((r, cb) => {
    let text = '';
    r.setEncoding('utf8');
    r.on('data', (c: string) => (text += c));
    r.on('end', () => cb(null, text));
  });
};

describe('GET /v1/decisions/{id}/explanation', () => {
  it.each(['zh', 'en'] as const)('names every failing condition with its actual value (%s, html, markdown and text)', async (lang) => {
    for (const format of ['html', 'markdown', 'text']) {
      const res = await get(`/v1/decisions/${rejected.id}/explanation?format=${format}&lang=${lang}`);
      expect(res.status).toBe(200);
      const page = res.body as string;
      for (const f of rejected.failing) {
        expect(page).toContain(`(${f.fact})`);
        for (const v of shown(f.actual, f.fact, lang)) expect(page).toContain(format === 'markdown' ? escapeMarkdown(v) : v);
      }
      expect(page).toContain(lang === 'zh' ? '不予支持' : 'rejected');
      expect(page).toContain(lang === 'zh' ? '✘ 不满足' : '✘ not met');
    }
  });

  it('shows the version with its dates and references, each calculation step, and each cap with its limit and cut, amounts as the policy writes them', async () => {
    const zh = (await get(`/v1/decisions/${capped.id}/explanation`)).body as string;
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('2020-06-01 – 至今');
    expect(zh).toContain('穗埔府规〔2020〕13号');
    expect(zh).toContain('floor(cumulativeDistrictInvestment / investmentStep) * rewardPerStep');
    expect(zh).toContain('2000万元（20,000,000.00 元）'); // the ceiling and the amount paid
    expect(zh).toContain('100万元（1,000,000.00 元）'); // what the ceiling cut
    expect(zh).toContain('2100万元（21,000,000.00 元）'); // computed before the cap
    expect(zh).toContain('2.5亿元（250,000,000.00 元）'); // the failing paid-in capital, as the policy writes amounts
    const en = (await get(`/v1/decisions/${capped.id}/explanation?format=markdown`, { 'Accept-Language': 'en' }));
    expect(en.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toContain('2000万元 (CNY 20,000,000.00)');
    expect(en.body).toContain('partially approved');
  });

  it('chooses the format by Accept and the language by Accept-Language, Chinese and HTML by default', async () => {
    const html = await get(`/v1/decisions/${capped.id}/explanation`);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-language']).toBe('zh-CN');
    const md = await get(`/v1/decisions/${capped.id}/explanation`, { Accept: 'text/markdown' });
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.body).toMatch(/^# 补贴决定说明/);
    const text = await get(`/v1/decisions/${capped.id}/explanation`, { Accept: 'text/plain', 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toMatch(/^Subsidy decision explained: Huangpu venture-capital settlement reward/);
    // the query parameter wins over the header
    expect((await get(`/v1/decisions/${capped.id}/explanation?format=text&lang=zh`, { Accept: 'text/html', 'Accept-Language': 'en' })).headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('escapes what applicants wrote: no markup from a name in HTML or Markdown', async () => {
    const html = (await get(`/v1/decisions/${rejected.id}/explanation`)).body as string;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;苏州*恶意*|公司&amp;');
    const md = (await get(`/v1/decisions/${rejected.id}/explanation?format=markdown`)).body as string;
    expect(md).toContain('\\<script\\>alert("x")\\</script\\>苏州\\*恶意\\*\\|公司\\&');
  });

  it('answers 404 to callers outside the decision, 422 naming a bad format or language', async () => {
    expect((await svc().as('guangzhou-applicant').get(`/v1/decisions/${rejected.id}/explanation`)).status).toBe(404);
    expect((await svc().as('suzhou-applicant').get(`/v1/decisions/${rejected.id}/explanation?format=text`)).status).toBe(200);
    const bad = await svc().as('auditor').get(`/v1/decisions/${rejected.id}/explanation?format=pdf`);
    expect([bad.status, bad.body.errors[0].pointer]).toEqual([422, '/query/format']);
    const lang = await svc().as('auditor').get(`/v1/decisions/${rejected.id}/explanation?lang=fr`);
    expect([lang.status, lang.body.errors[0].pointer]).toEqual([422, '/query/lang']);
  });

  it('writes amounts as policy texts do', () => {
    expect(policyAmount('3000000', 'zh')).toBe('300万元（3,000,000.00 元）');
    expect(policyAmount('200000000', 'zh')).toBe('2亿元（200,000,000.00 元）');
    expect(policyAmount('225000.00', 'en')).toBe('22.5万元 (CNY 225,000.00)');
    expect(policyAmount('8000', 'zh')).toBe('8000元（8,000.00 元）');
    expect(policyAmount('123456.78', 'zh')).toBe('约12.35万元（123,456.78 元）');
  });
});
