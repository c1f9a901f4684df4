import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What every operation of the document gets without repeating it in openapi.json:
 * - examples from openapi/examples/<operationId>.json (`request`, and `responses` by status)
 *   and, for problems an operation has no example of its own for, openapi/examples/problems.json;
 * - the X-Request-Id request parameter and response header on every operation, Accept-Language
 *   on every operation that can answer a problem, Retry-After on 429 and 503.
 * A test checks that every request body and response has an example that its schema accepts.
 */
type Json = Record<string, any>;
export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export interface OperationExamples {
  request?: unknown;
  responses?: Record<string, unknown>;
}

export function loadExamples(dir: string): { operations: Map<string, OperationExamples>; problems: Record<string, unknown> } {
  const operations = new Map<string, OperationExamples>();
  let problems: Record<string, unknown> = {};
  if (!existsSync(dir)) return { operations, problems };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const content = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json;
    if (file === 'problems.json') problems = content;
    else operations.set(file.replace(/\.json$/, ''), content);
  }
  return { operations, problems };
}

const RETRY_AFTER_STATUSES = new Set(['429', '503']);

export function decorate(doc: Json, examples: ReturnType<typeof loadExamples>): void {
  for (const ops of Object.values((doc.paths ?? {}) as Json)) {
    for (const method of METHODS) {
      const op = ops[method] as Json | undefined;
      if (!op) continue;
      const own = examples.operations.get(op.operationId) ?? {};
      const answersProblems = Object.values((op.responses ?? {}) as Json).some((r: Json) => r.content?.['application/problem+json']);
      const shared = ['X-Request-Id', ...(answersProblems ? ['Accept-Language'] : [])].map((name) => ({ $ref: `#/components/parameters/${name}` }));
      op.parameters = [...(op.parameters ?? []), ...shared.filter((p) => !(op.parameters ?? []).some((q: Json) => q.$ref === p.$ref))];
      const body = op.requestBody?.content?.['application/json'];
      if (body && own.request !== undefined && body.example === undefined) body.example = own.request;
      for (const [status, response] of Object.entries((op.responses ?? {}) as Json)) {
        if (response.$ref) continue;
        response.headers = { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' }, ...(response.headers ?? {}) };
        if (RETRY_AFTER_STATUSES.has(status) && !response.headers['Retry-After']) response.headers['Retry-After'] = { $ref: '#/components/headers/Retry-After' };
        for (const [type, media] of Object.entries((response.content ?? {}) as Json)) {
          if (media.example !== undefined || media.examples !== undefined) continue;
          const value = own.responses?.[status] ?? (type === 'application/problem+json' ? examples.problems[status] : undefined);
          if (value !== undefined) media.example = value;
        }
      }
    }
  }
}
