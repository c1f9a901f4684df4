import request from 'supertest';
import { buildApp } from '../../src/app';
import { readmeFirstExample } from '../support/readme-example';
import { capturedLogger } from '../support/captured-log';
import { useTestService } from '../support/service';

const svc = useTestService({ today: '2025-07-01' });

function appWithLog() {
  const log = capturedLogger();
  return { app: buildApp({ ...svc().runtime.context, logger: log.logger }), log };
}

it('writes exactly one line per request with method, route, status, duration, key id and request id; no secret', async () => {
  const { app, log } = appWithLog();
  const token = svc().tokens.applicant;
  const keyId = token.split('_')[1];
  const ex = readmeFirstExample();
  const sent: { id: string; status: number }[] = [];
  const post = await request(app).post(ex.path).set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'portal-req-1').send(ex.body);
  sent.push({ id: 'portal-req-1', status: post.status });
  const read = await request(app).get(`/v1/applications/${post.body.application.id}`).set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'portal-req-2');
  sent.push({ id: 'portal-req-2', status: read.status });
  const bad = await request(app).post('/v1/applications').set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'portal-req-3').send({ program: 1 });
  sent.push({ id: 'portal-req-3', status: bad.status });
  const unauthenticated = await request(app).get('/v1/programs').set('Authorization', `Bearer ${token}x`).set('X-Request-Id', 'portal-req-4');
  sent.push({ id: 'portal-req-4', status: unauthenticated.status });
  const nowhere = await request(app).get('/nowhere').set('X-Request-Id', 'portal-req-5');
  sent.push({ id: 'portal-req-5', status: nowhere.status });
  expect(sent.map((s) => s.status)).toEqual([201, 200, 400, 401, 404]);

  const lines = log.lines;
  expect(lines).toHaveLength(sent.length);
  for (const s of sent) expect(lines.filter((l) => l.requestId === s.id)).toHaveLength(1);
  const byId = (id: string) => lines.find((l) => l.requestId === id)!;
  expect(byId('portal-req-1')).toMatchObject({ method: 'POST', route: '/v1/applications', status: 201, apiKeyId: keyId, role: 'applicant', level: 30 });
  expect(byId('portal-req-2')).toMatchObject({ method: 'GET', route: '/v1/applications/:id', status: 200, apiKeyId: keyId });
  expect(byId('portal-req-3')).toMatchObject({ route: '/v1/applications', status: 400, apiKeyId: keyId });
  expect(byId('portal-req-4')).toMatchObject({ status: 401, apiKeyId: null });
  expect(byId('portal-req-5')).toMatchObject({ route: null, status: 404 });
  for (const l of lines) expect(typeof l.durationMs).toBe('number');
  // the secret part of the token, sent with every request, appears in no line
  const secret = token.split('_').slice(2).join('_');
  expect(log.text()).not.toContain(secret);
  expect(log.text()).not.toContain('Bearer');
});

it('echoes X-Request-Id in the response and in problem bodies, and makes one up when none or a malformed one is sent', async () => {
  const { app, log } = appWithLog();
  const echoed = await request(app).get('/v1/decisions/dec_x').set('Authorization', `Bearer ${svc().tokens.auditor}`).set('X-Request-Id', 'abc-123');
  expect(echoed.headers['x-request-id']).toBe('abc-123');
  expect(echoed.body.requestId).toBe('abc-123');
  const made = await request(app).get('/healthz');
  expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const malformed = await request(app).get('/v1/programs').set('X-Request-Id', 'x'.repeat(200));
  expect(malformed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(malformed.body.requestId).toBe(malformed.headers['x-request-id']);
  expect(log.lines.map((l) => l.requestId)).toEqual(['abc-123', made.headers['x-request-id'], malformed.headers['x-request-id']]);
});

it('logs an unexpected error once, on the request line at level error, and answers a plain 500 problem', async () => {
  const log = capturedLogger();
  const ctx = svc().runtime.context;
  const broken = { ...ctx.repositories, decisions: { get: () => Promise.reject(new Error('disk on fire')) } } as unknown as typeof ctx.repositories;
  const app = buildApp({ ...ctx, repositories: broken, logger: log.logger });
  const res = await request(app).get('/v1/decisions/dec_00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${svc().tokens.auditor}`).set('X-Request-Id', 'boom-1');
  expect(res.status).toBe(500);
  expect(res.body).toMatchObject({ title: 'Internal error', detail: 'an unexpected error occurred', requestId: 'boom-1' });
  expect(res.text).not.toContain('disk on fire');
  expect(log.lines).toHaveLength(1);
  expect(log.lines[0]).toMatchObject({ level: 50, requestId: 'boom-1', status: 500, route: '/v1/decisions/:id', err: { message: 'disk on fire' } });
});
