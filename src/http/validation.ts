import type { RequestHandler } from 'express';
import { invalid, notFound } from '../service/errors';
import { escapePointer, type FieldError, type SchemaRegistry } from '../validation/schema-registry';

/** Keys no request may carry: MongoDB operators and dotted paths, refused before any query. */
export function operatorKeys(value: unknown, pointer = '', out: FieldError[] = []): FieldError[] {
  if (Array.isArray(value)) value.forEach((v, i) => operatorKeys(v, `${pointer}/${i}`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = `${pointer}/${escapePointer(k)}`;
      if (k.startsWith('$') || k.includes('.')) out.push({ pointer: p, detail: 'keys may not start with $ or contain a dot' });
      operatorKeys(v, p, out);
    }
  }
  return out;
}

const MAX_DEPTH = 12;
const MAX_ARRAY = 200;

/** Refuses bodies nested deeper or with longer arrays than any request of this API needs. */
export function structureErrors(value: unknown, pointer = '', depth = 0, out: FieldError[] = []): FieldError[] {
  if (out.length) return out;
  if (depth > MAX_DEPTH) {
    out.push({ pointer, detail: `nests deeper than ${MAX_DEPTH} levels` });
    return out;
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY) out.push({ pointer, detail: `has more than ${MAX_ARRAY} items` });
    else value.forEach((v, i) => structureErrors(v, `${pointer}/${i}`, depth + 1, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) structureErrors(v, `${pointer}/${escapePointer(k)}`, depth + 1, out);
  }
  return out;
}

export function validateBody(registry: SchemaRegistry, ref: string): RequestHandler {
  return (req, _res, next) => {
    if (!req.is('application/json')) {
      throw invalid('the body must be JSON (Content-Type: application/json)', [{ pointer: '', detail: 'must be a JSON object' }]);
    }
    const body: unknown = req.body;
    const shape = structureErrors(body);
    if (shape.length) throw invalid('the body is too deeply nested or has too long a list', shape);
    const operators = operatorKeys(body);
    if (operators.length) throw invalid('the body has keys starting with $ or containing a dot', operators);
    const errors = registry.validate(ref, body);
    if (errors.length) throw invalid(`the body does not match ${ref}`, errors);
    next();
  };
}

/** Refuses query parameters a route does not define. */
export function allowQuery(...names: string[]): RequestHandler {
  return (req, _res, next) => {
    const unknown = Object.keys(req.query).filter((k) => !names.includes(k));
    if (unknown.length) throw invalid('unknown query parameters', unknown.map((k) => ({ pointer: `/query/${escapePointer(k)}`, detail: 'is not a known query parameter' })));
    for (const n of names) {
      if (req.query[n] !== undefined && typeof req.query[n] !== 'string') throw invalid('a query parameter repeats', [{ pointer: `/query/${n}`, detail: 'must be given once' }]);
    }
    next();
  };
}

const ID = /^(app|dec)_[0-9a-f-]{36}(~(CN|[0-9]{6})~[a-z0-9-]{1,60})?$/;
/** An id that cannot exist is simply not found. */
export function checkId(prefix: 'app' | 'dec', id: string): void {
  if (!ID.test(id) || !id.startsWith(prefix + '_')) throw notFound(`no ${prefix === 'app' ? 'application' : 'decision'} ${id}`);
}
