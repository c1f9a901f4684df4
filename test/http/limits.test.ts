import request from 'supertest';
import { useTestService } from '../support/service';

const svc = useTestService({ rateLimitPerMinute: 3, corsOrigins: ['https://portal.suzhou.example'] });

it('rate-limits each API key separately, answering 429 with Retry-After', async () => {
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await svc().as('auditor').get('/v1/programs')).status);
  expect(statuses).toEqual([200, 200, 200, 429]);
  const limited = await svc().as('auditor').get('/v1/programs');
  expect(limited.headers['content-type']).toContain('application/problem+json');
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  expect((await svc().as('admin').get('/v1/programs')).status).toBe(200);
});

it('answers CORS only for configured origins', async () => {
  const allowed = await request(svc().app).options('/v1/programs').set('Origin', 'https://portal.suzhou.example').set('Access-Control-Request-Method', 'GET');
  expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.suzhou.example');
  const other = await request(svc().app).options('/v1/programs').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
  expect(other.headers['access-control-allow-origin']).toBeUndefined();
});

it('rate-limits requests without a valid key by client address, before any key is looked up', async () => {
  const unknown = () => request(svc().app).get('/v1/programs').set('Authorization', `Bearer sk_000000000000_${'x'.repeat(43)}`);
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await unknown()).status);
  expect(statuses).toEqual([401, 401, 401, 429]);
  const limited = await request(svc().app).get('/v1/programs');
  expect(limited.status).toBe(429);
  expect(limited.headers['content-type']).toContain('application/problem+json');
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
});
