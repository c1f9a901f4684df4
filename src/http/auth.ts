import type { RequestHandler, Response } from 'express';
import type { ApiKeyRecord } from '../access/api-keys';
import { allows, type Operation } from '../access/roles';
import { ServiceError, PROBLEM_TYPE_BASE } from '../service/errors';
import type { ApiKeyStore } from '../store/api-key-store';

/** Every /v1 request carries `Authorization: Bearer sk_…`; the key found is the caller. */
export function authenticate(keys: ApiKeyStore): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('Authorization') ?? '';
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    const caller = token ? await keys.authenticate(token) : undefined;
    if (!caller) {
      res.set('WWW-Authenticate', 'Bearer realm="subsidy-rules"');
      throw new ServiceError(401, PROBLEM_TYPE_BASE + 'unauthenticated', 'Authentication required', token ? 'the API key is unknown or revoked' : 'send an API key as Authorization: Bearer <key>');
    }
    res.locals.caller = caller;
    next();
  };
}

export function callerOf(res: Response): ApiKeyRecord {
  return res.locals.caller as ApiKeyRecord;
}

export function forbidden(detail: string, pointer?: string): ServiceError {
  return new ServiceError(403, PROBLEM_TYPE_BASE + 'forbidden', 'Not allowed', detail, pointer === undefined ? [] : [{ pointer, detail }]);
}

/** Refuses a caller whose role may not perform the operation. */
export function authorize(operation: Operation): RequestHandler {
  return (_req, res, next) => {
    const caller = callerOf(res);
    if (!allows(caller.role, operation)) throw forbidden(`the ${caller.role} role may not ${operation}`);
    next();
  };
}
