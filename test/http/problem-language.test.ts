import request from 'supertest';
import { DETAILS_ZH, translateDetail, translateTitle } from '../../src/i18n/problem-messages';
import { useTestService } from '../support/service';

const svc = useTestService();

it('answers problems in Chinese for zh-* and in English otherwise, with the same pointers', async () => {
  const body = { program: '440112/vc-settlement-reward', beneficiary: { uscc: 'nope', name: 'x', jurisdiction: '440112' }, facts: {} };
  const post = (lang?: string) => {
    const r = svc().as('applicant').post('/v1/applications').send(body);
    return lang === undefined ? r : r.set('Accept-Language', lang);
  };
  const en = await post();
  const zh = await post('zh-CN,zh;q=0.9,en;q=0.8');
  const fr = await post('fr-FR');
  const zhTw = await post('zh-TW');
  expect(en.status).toBe(400);
  expect(en.body.title).toBe('The request is invalid');
  expect(en.headers['content-language']).toBe('en');
  expect(zh.status).toBe(400);
  expect(zh.body.title).toBe('请求无效');
  expect(zh.body.detail).toBe('请求体不符合 application.schema.json');
  expect(zh.headers['content-language']).toBe('zh-CN');
  expect(zhTw.body.title).toBe('请求无效');
  expect(fr.body).toEqual({ ...en.body, requestId: fr.body.requestId });
  expect(zh.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(en.body.errors.map((e: { pointer: string }) => e.pointer));
  expect(zh.body.errors.map((e: { detail: string }) => e.detail)).toContain('不是有效的统一社会信用代码（GB 32100-2015 校验码）');
  expect(zh.body.type).toBe(en.body.type);

  const notFound = await svc().as('auditor').get('/v1/decisions/dec_00000000-0000-4000-8000-000000000000').set('Accept-Language', 'zh');
  expect(notFound.body).toMatchObject({ status: 404, title: '未找到', detail: '决定 dec_00000000-0000-4000-8000-000000000000 不存在' });
  const unauthenticated = await request(svc().app).get('/v1/programs').set('Accept-Language', 'zh-Hans-CN');
  expect(unauthenticated.body).toMatchObject({ status: 401, title: '需要身份认证', detail: '请以 Authorization: Bearer <key> 发送 API 密钥' });
});

it('falls back to English for a problem type or detail without a translation', () => {
  expect(translateTitle('https://subsidy-rules.example/problems/some-new-problem', 'Some new problem', 'zh')).toBe('Some new problem');
  expect(translateDetail('a detail added by another branch', 'zh')).toBe('a detail added by another branch');
  expect(translateDetail('no application app_1', 'en')).toBe('no application app_1');
  for (const [pattern] of DETAILS_ZH) expect(pattern.source.startsWith('^') && pattern.source.endsWith('$')).toBe(true);
});
