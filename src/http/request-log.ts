import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** A client's X-Request-Id is kept when it is 1 to 128 visible ASCII characters. */
const CLIENT_ID = /^[\x21-\x7e]{1,128}$/;

/** The request's id (the client's X-Request-Id, or one made up), set by requestLogging. */
export const requestIdOf = (req: IncomingMessage): string | undefined => (req as IncomingMessage & { id?: string }).id;

function line(req: IncomingMessage, res: ServerResponse, responseTime: number) {
  const r = req as Request;
  const locals = (res as Response).locals as { caller?: { id: string; role: string } } | undefined;
  return {
    method: req.method,
    route: r.route?.path ?? null,
    url: r.originalUrl ?? req.url,
    status: res.statusCode,
    durationMs: responseTime,
    apiKeyId: locals?.caller?.id ?? null,
    role: locals?.caller?.role ?? null,
  };
}

/**
 * One structured line per request, written when the response is finished: method, route,
 * status, duration, the API key's id (never the token) and the request id, which honours the
 * client's X-Request-Id and is echoed as X-Request-Id (and in problem bodies). Headers and
 * bodies are not logged. 5xx lines are errors and carry the error; others are info.
 */
export function requestLogging(logger: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger,
    // the line carries only what line() gives and the request id: never headers or bodies
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    genReqId: (req, res) => {
      const sent = req.headers['x-request-id'];
      const id = typeof sent === 'string' && CLIENT_ID.test(sent) ? sent : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessObject: (req, res, val: { responseTime: number }) => line(req, res, val.responseTime),
    customErrorObject: (req, res, err, val: { responseTime: number }) => ({ ...line(req, res, val.responseTime), err }),
    customSuccessMessage: (req, res) => `${req.method} ${(req as Request).originalUrl ?? req.url} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${(req as Request).originalUrl ?? req.url} ${res.statusCode}`,
  });
  return middleware as unknown as RequestHandler;
}
