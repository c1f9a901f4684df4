import type { Server } from 'node:http';

/**
 * Graceful stop for an HTTP server with keep-alive clients. Once `begin()` is called the server
 * accepts no connection; idle keep-alive sockets are closed at once; a request already being
 * handled finishes and its response carries `Connection: close`, so its socket closes after it;
 * a request that arrives after the stop began on a socket still open is answered 503 with
 * `Retry-After` and `Connection: close` without being handled. `drained` settles when no
 * request is in flight and every socket is closed, or when `timeoutMs` passes: then the
 * remaining sockets are destroyed (the client sees a reset, never an answer from a service
 * whose database is closing).
 */
export class Drain {
  private stopping = false;
  private inFlight = 0;
  private idle: (() => void) | undefined;

  constructor(private readonly server: Server) {}

  /** Wraps the request handler: counts requests in flight, refuses new ones while stopping. */
  handler(app: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) {
    return (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
      if (this.stopping) {
        res.writeHead(503, { 'Content-Type': 'application/problem+json', 'Retry-After': '1', Connection: 'close' });
        res.end(JSON.stringify({ type: 'https://subsidy-rules.example/problems/stopping', title: 'The service is stopping', status: 503, detail: 'the service is restarting: retry shortly', instance: req.url ?? '' }));
        return;
      }
      this.inFlight++;
      res.once('close', () => {
        this.inFlight--;
        if (this.inFlight === 0) this.idle?.();
      });
      // a response written after the stop began closes its socket
      const writeHead = res.writeHead;
      res.writeHead = ((...args: Parameters<typeof writeHead>) => {
        if (this.stopping && !res.headersSent) res.setHeader('Connection', 'close');
        return writeHead.apply(res, args);
      }) as typeof writeHead;
      app(req, res);
    };
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Stops accepting and waits for the requests in flight (at most `timeoutMs`). */
  async begin(timeoutMs: number): Promise<{ timedOut: boolean }> {
    this.stopping = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const finished = this.inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.idle = resolve));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([finished.then(() => 'done' as const), timeout]);
    // no request is in flight: every socket left is idle (or the time is up)
    this.server.closeIdleConnections();
    if (outcome === 'timeout') this.server.closeAllConnections();
    const sockets = await Promise.race([closed.then(() => 'closed' as const), new Promise<'open'>((r) => setTimeout(() => r('open'), 2000).unref())]);
    if (sockets === 'open') this.server.closeAllConnections();
    clearTimeout(timer);
    return { timedOut: outcome === 'timeout' };
  }
}
