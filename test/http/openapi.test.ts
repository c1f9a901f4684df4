import request from 'supertest';
import type { Express } from 'express';
import { useTestService } from '../support/service';

const svc = useTestService();

/** METHOD /path of every route the Express app serves, with :param written as {param}. */
function routes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          if (method !== '_all') out.push(`${method.toUpperCase()} ${String(layer.route.path).replace(/:([A-Za-z]+)/g, '{$1}')}`);
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as any).router.stack);
  return out;
}

it('documents every route, and routes every documented operation', async () => {
  const res = await request(svc().app).get('/openapi.json');
  expect(res.status).toBe(200);
  const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
  const served = routes(svc().app).filter((r) => r.includes(' /v1/') || r.endsWith('z') || r.endsWith(' /metrics'));
  expect([...served].sort()).toEqual([...documented].sort());
});

it('takes its request and response schemas from schemas/ and resolves every reference', async () => {
  const doc = (await request(svc().app).get('/openapi.json')).body;
  const refs: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === '$ref' ? refs.push(String(x)) : walk(x);
  };
  walk(doc);
  for (const ref of refs) {
    if (!ref.startsWith('#/')) throw new Error(`reference ${ref} is not inside the document`);
    const target = ref.slice(2).split('/').reduce((o: any, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    if (target === undefined) throw new Error(`unresolved ${ref}`);
  }
  expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['facts', 'facts.money', 'explanation', 'problem', 'resources.submission', 'rule-pack.version']));
  expect(Object.keys(doc.components.requestBodies)).toEqual(expect.arrayContaining(['application', 'eligibility-check', 'api-key-request']));
  // every $defs is hoisted to a component of its own: none is left for a generator to take as a property
  expect(JSON.stringify(doc)).not.toContain('$defs');
});

it('serves the API documentation at /docs', async () => {
  const res = await request(svc().app).get('/docs/');
  expect(res.status).toBe(200);
  expect(res.text).toContain('swagger-ui');
});
