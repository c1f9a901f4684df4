import type { FieldError } from '../validation/schema-registry';

/** Errors a request can cause; the HTTP layer turns each into an RFC 9457 problem. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
  }
}

const TYPE = 'https://subsidy-rules.example/problems/';

export const invalid = (detail: string, errors: FieldError[]) => new ServiceError(400, TYPE + 'invalid-request', 'The request is invalid', detail, errors);
export const unprocessable = (detail: string, errors: FieldError[]) => new ServiceError(422, TYPE + 'unprocessable', 'The request cannot be processed', detail, errors);
export const notFound = (detail: string) => new ServiceError(404, TYPE + 'not-found', 'Not found', detail);
export const idempotencyConflict = (detail: string) => new ServiceError(409, TYPE + 'idempotency-in-flight', 'A request with this Idempotency-Key is still being processed', detail);
export const idempotencyMismatch = (detail: string) => new ServiceError(422, TYPE + 'idempotency-key-reused', 'The Idempotency-Key was used with a different request', detail, [{ pointer: '', detail }]);
/** A job's results asked for before they exist (it still runs, or it failed). */
export const notReady = (detail: string) => new ServiceError(409, TYPE + 'not-ready', 'The results are not ready', detail);
export const PROBLEM_TYPE_BASE = TYPE;
