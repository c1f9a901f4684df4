import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { translateDetail, translateTitle, type Language } from '../i18n/problem-messages';
import { LedgerBusyError } from '../adjudication/ledgers';
import { PROBLEM_TYPE_BASE, ServiceError } from '../service/errors';
import type { Problem as GeneratedProblem } from '../schema-types/problem';
import { requestIdOf } from './request-log';

/** An RFC 9457 problem: schemas/problem.schema.json. */
export type Problem = GeneratedProblem;

/** zh for a request preferring any zh-* (Accept-Language), English otherwise. */
export function problemLanguage(req: Request | undefined): Language {
  return req?.acceptsLanguages('en', 'zh') === 'zh' ? 'zh' : 'en';
}

/** Sends a problem in the request's language (title, detail, field details; pointers unchanged) with its request id. */
export function sendProblem(res: Response, problem: Problem): void {
  const lang = problemLanguage(res.req);
  const requestId = res.req ? requestIdOf(res.req) : undefined;
  const body: Problem = {
    ...problem,
    title: translateTitle(problem.type, problem.title, lang),
    detail: translateDetail(problem.detail, lang),
    ...(problem.errors ? { errors: problem.errors.map((e) => ({ ...e, detail: translateDetail(e.detail, lang) })) } : {}),
    ...(requestId ? { requestId } : {}),
  };
  res.status(problem.status).type('application/problem+json').set('Content-Language', lang === 'zh' ? 'zh-CN' : 'en').vary('Accept-Language').send(JSON.stringify(body));
}

const DATABASE_DOWN = /Mongo(Network|ServerSelection|NotConnected|Topology|PoolCleared)|ECONNREFUSED|connection .* closed|Client must be connected/i;

/**
 * The one final error handler: every error becomes an RFC 9457 problem, never a stack trace.
 * A 5xx keeps its error on `res.err`, where the request's one log line (request-log.ts) records
 * it; `logger` is for anything else worth a line of its own.
 */
export function problemHandler(logger?: Logger): ErrorRequestHandler {
  void logger;
  return (err, req, res, _next) => {
    const instance = req.originalUrl;
    if (err instanceof ServiceError) {
      return sendProblem(res, { type: err.type, title: err.title, status: err.status, detail: err.message, instance, ...(err.errors.length ? { errors: err.errors } : {}) });
    }
    const e = err as { type?: string; status?: number; name?: string; message?: string };
    if (e.type === 'entity.too.large') {
      return sendProblem(res, { type: PROBLEM_TYPE_BASE + 'too-large', title: 'The request body is too large', status: 413, detail: e.message ?? 'too large', instance, errors: [{ pointer: '', detail: 'the body exceeds the size limit' }] });
    }
    if (e.type === 'entity.parse.failed') {
      return sendProblem(res, { type: PROBLEM_TYPE_BASE + 'malformed-json', title: 'The request body is not valid JSON', status: 400, detail: 'the body could not be parsed as JSON', instance, errors: [{ pointer: '', detail: 'is not valid JSON' }] });
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return sendProblem(res, { type: PROBLEM_TYPE_BASE + 'bad-request', title: 'Bad request', status: e.status, detail: e.message ?? 'bad request', instance });
    }
    if (err instanceof LedgerBusyError) {
      // a budget or cap too busy to take from in time: nothing was reserved (the application is set aside)
      res.set('Retry-After', String(err.retryAfterSeconds));
      return sendProblem(res, { type: PROBLEM_TYPE_BASE + 'ledger-busy', title: 'A budget or cap is too busy right now', status: 503, detail: 'too many applications are drawing on the same budget or cap; nothing was reserved, retry later', instance });
    }
    if (DATABASE_DOWN.test(`${e.name} ${e.message}`)) {
      (res as Response & { err?: unknown }).err = err;
      return sendProblem(res, { type: PROBLEM_TYPE_BASE + 'unavailable', title: 'The service is temporarily unavailable', status: 503, detail: 'the database cannot be reached; retry later', instance });
    }
    (res as Response & { err?: unknown }).err = err;
    sendProblem(res, { type: PROBLEM_TYPE_BASE + 'internal', title: 'Internal error', status: 500, detail: 'an unexpected error occurred', instance });
  };
}
