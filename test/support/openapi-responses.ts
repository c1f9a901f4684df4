import type { Response } from 'supertest';
import { schemaFileRef } from '../../src/openapi/hoist';
import type { SchemaRegistry } from '../../src/validation/schema-registry';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> }>> };

/** Checks a response against the schema the OpenAPI document gives for that operation and status. */
export function expectDocumented(registry: SchemaRegistry, openapi: unknown, method: string, path: string, res: Response): void {
  const doc = openapi as Doc;
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`${method} ${path} is not documented`);
  const documented = op.responses[String(res.status)];
  if (!documented) throw new Error(`${method} ${path} does not document status ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  const [type, media] = Object.entries(documented.content ?? {})[0] ?? [];
  if (!media) return;
  expect(res.headers['content-type']).toContain(type);
  const ref = schemaFileRef(media.schema.$ref);
  const errors = registry.validate(ref, res.body);
  if (errors.length) throw new Error(`${method} ${path} ${res.status} does not match ${ref}: ${JSON.stringify(errors)}`);
}
