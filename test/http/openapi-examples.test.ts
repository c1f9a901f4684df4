import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METHODS } from '../../src/openapi/decorate';
import { componentRef, schemaFileRef } from '../../src/openapi/hoist';
import { OPENAPI_DIR } from '../../src/paths';
import { readmeExample, readmeFirstExample } from '../support/readme-example';
import { useTestService } from '../support/service';

const svc = useTestService({ today: '2025-07-01' });

type Json = Record<string, any>;
const source = JSON.parse(readFileSync(join(OPENAPI_DIR, 'openapi.json'), 'utf8')) as Json;

/** The operation's JSON request body, through components.requestBodies. */
function requestBody(doc: Json, op: Json): Json | undefined {
  const body = op.requestBody?.$ref ? doc.components.requestBodies[op.requestBody.$ref.split('/').pop()] : op.requestBody;
  return body?.content?.['application/json'];
}

function operations(doc: Json): { key: string; path: string; method: string; op: Json }[] {
  return Object.entries(doc.paths as Json).flatMap(([path, ops]) =>
    METHODS.filter((m) => (ops as Json)[m]).map((method) => ({ key: `${method.toUpperCase()} ${path}`, path, method, op: (ops as Json)[method] as Json })),
  );
}

it('has an example for every request body and every response, each accepted by its schema', () => {
  const doc = svc().runtime.context.openapi as Json;
  const registry = svc().runtime.context.registry;
  const failures: string[] = [];
  for (const { key, path, method, op } of operations(doc)) {
    const body = requestBody(doc, op);
    if (body) {
      const ref = schemaFileRef(componentRef(source.paths[path][method].requestBody.content['application/json'].schema.$ref, undefined));
      if (body.example === undefined) failures.push(`${key}: no request example`);
      else for (const e of registry.validate(ref, body.example)) failures.push(`${key} request example: ${e.pointer} ${e.detail}`);
    }
    for (const [status, response] of Object.entries(op.responses as Json)) {
      for (const [type, media] of Object.entries((response.content ?? {}) as Json)) {
        if (media.example === undefined) {
          failures.push(`${key} ${status} ${type}: no example`);
          continue;
        }
        for (const e of registry.validate(schemaFileRef(media.schema.$ref), media.example)) failures.push(`${key} ${status} example: ${e.pointer} ${e.detail}`);
        if (type === 'application/problem+json' && media.example.status !== Number(status)) failures.push(`${key} ${status} example has status ${media.example.status}`);
      }
    }
  }
  expect(failures).toEqual([]);
});

it('takes the request examples from the README, so they are the ones a user runs', () => {
  const doc = svc().runtime.context.openapi as Json;
  expect(requestBody(doc, doc.paths['/v1/applications'].post)!.example).toEqual(readmeFirstExample().body);
  expect(requestBody(doc, doc.paths['/v1/eligibility-checks'].post)!.example).toEqual(readmeExample('## Which programs can this enterprise get?').body);
});

it('"Try it out" on the submit operation sends its example and gets 201', async () => {
  const doc = svc().runtime.context.openapi as Json;
  const example = requestBody(doc, doc.paths['/v1/applications'].post)!.example;
  const res = await svc().as('applicant').post('/v1/applications').send(example);
  expect(res.status).toBe(201);
  expect(res.headers.location).toBe(`/v1/applications/${res.body.application.id}`);
});

it('tags every operation with its audience, documents headers and servers, and marks public routes', () => {
  const doc = svc().runtime.context.openapi as Json;
  const audiences = (doc.tags as Json[]).map((t) => t.name);
  expect(audiences).toEqual(['applicant systems', 'policy staff', 'auditors', 'administration']);
  for (const { key, op } of operations(doc)) {
    expect([key, op.tags?.length > 0 && op.tags.every((t: string) => audiences.includes(t))]).toEqual([key, true]);
    for (const [status, response] of Object.entries(op.responses as Json)) {
      expect([key, status, response.headers?.['X-Request-Id']]).toEqual([key, status, { $ref: '#/components/headers/X-Request-Id' }]);
      if (status === '429') expect(response.headers['Retry-After']).toBeDefined();
    }
  }
  const submitted = doc.paths['/v1/applications'].post.responses['201'].headers;
  expect(Object.keys(submitted)).toEqual(expect.arrayContaining(['Location', 'Idempotent-Replayed']));
  expect(doc.servers).toHaveLength(1);
  expect(doc.paths['/healthz'].get.security).toEqual([]);
  expect(doc.paths['/readyz'].get.security).toEqual([]);
});
