import { existsSync, mkdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/paths';
import { useTestService } from '../support/service';

/**
 * The explanation page rendered by a real browser: Debian's `chromium` package driven by
 * playwright-core (no browser download). Without a browser on the machine the test is skipped
 * and says so; CHROMIUM_PATH names another binary.
 */
const BROWSER = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts');
const svc = useTestService({ today: '2025-06-30' });
jest.setTimeout(120_000);

if (!BROWSER) {
  it.skip('renders the explanation page in headless Chromium — SKIPPED: no chromium binary (apt-get install chromium, or set CHROMIUM_PATH)', () => undefined);
  // eslint-disable-next-line no-console
  console.warn('test/readable/chromium.test.ts skipped: no chromium binary found (apt-get install chromium, or set CHROMIUM_PATH)');
} else {
  it('renders the explanation page in headless Chromium (zh and en), with a screenshot saved as a test artifact', async () => {
    const s = svc();
    const sub = await s.as('applicant').post('/v1/applications').send({
      program: '440112/vc-settlement-reward',
      beneficiary: { uscc: '91440101MA59HJK451', name: '广州黄埔创新投资管理有限公司', jurisdiction: '440112' },
      facts: { vcForm: 'partnership', paidInCapital: '250000000', cumulativeDistrictInvestment: '350000000' },
    });
    expect(sub.status).toBe(201);
    const server = await new Promise<Server>((resolve) => {
      const srv = s.app.listen(0, '127.0.0.1', () => resolve(srv));
    });
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const browser = await chromium.launch({ executablePath: BROWSER, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    try {
      mkdirSync(ARTIFACTS, { recursive: true });
      for (const lang of ['zh', 'en'] as const) {
        const context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${s.tokens.auditor}` }, viewport: { width: 1024, height: 900 } });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        // a CSP violation or a script error shows on the console; failed loads are checked by response (a browser asks for /favicon.ico)
        page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
        page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
        const res = await page.goto(`${base}/v1/decisions/${sub.body.decision.id}/explanation?lang=${lang}`);
        expect(res?.status()).toBe(200);
        expect(await page.title()).toContain(lang === 'zh' ? '黄埔区风投机构落户奖励' : 'Huangpu venture-capital settlement reward');
        // what a reader sees: the headings, the cap's cut in a table, the marks
        const text = await page.locator('body').innerText();
        expect(text).toContain(lang === 'zh' ? '封顶与限额' : 'Caps and limits');
        expect(text).toContain(lang === 'zh' ? '100万元（1,000,000.00 元）' : '100万元 (CNY 1,000,000.00)');
        expect(await page.locator('table').count()).toBeGreaterThanOrEqual(4);
        expect(await page.locator('.mark.fail').count()).toBeGreaterThan(0);
        expect(errors).toEqual([]); // the page needs no script and breaks no security policy
        const file = join(ARTIFACTS, `explanation-${lang}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(statSync(file).size).toBeGreaterThan(10_000);
        await page.emulateMedia({ media: 'print' });
        await context.close();
      }
    } finally {
      await browser.close();
      await new Promise((r) => server.close(r));
    }
  });
}
