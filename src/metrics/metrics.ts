import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ProgramCatalog } from '../rules/catalog';
import type { DecisionRecord } from '../store/decision-log';

/** The client side of MongoDB command monitoring (the driver's MongoClient with monitorCommands). */
export interface CommandEvents {
  on(event: 'commandSucceeded' | 'commandFailed', listener: (e: { commandName: string; duration: number }) => void): unknown;
}

/**
 * The service's Prometheus metrics, in a registry of its own (one per runtime, so tests can run
 * several): requests by route and status, decisions by program and outcome, adjudication time,
 * database command time, the rule versions loaded, and Node's process metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly requestSeconds: Histogram<'method' | 'route' | 'status'>;
  readonly decisions: Counter<'program' | 'outcome'>;
  readonly engineSeconds: Histogram<'program'>;
  readonly databaseSeconds: Histogram<'command' | 'result'>;

  constructor(catalog: () => ProgramCatalog) {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'subsidy_http_requests_total', help: 'HTTP requests answered, by method, route (the route pattern, not the URL) and status', labelNames: ['method', 'route', 'status'], registers });
    this.requestSeconds = new Histogram({ name: 'subsidy_http_request_duration_seconds', help: 'Time from request to answer, by method, route and status', labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers });
    this.decisions = new Counter({
      name: 'subsidy_decisions_total',
      help: 'Decisions stored, by program and outcome, as this process read them from the shared decision log (every process counts every decision: aggregate with max, not sum)',
      labelNames: ['program', 'outcome'],
      registers,
    });
    this.engineSeconds = new Histogram({ name: 'subsidy_engine_seconds', help: 'Time to adjudicate one program for one application (rules, calculation and cap reservations), by program', labelNames: ['program'], buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers });
    this.databaseSeconds = new Histogram({ name: 'subsidy_database_command_seconds', help: 'MongoDB command round trips, by command and result (driver command monitoring)', labelNames: ['command', 'result'], buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5], registers });
    new Gauge({
      name: 'subsidy_rule_version_info',
      help: 'Rule versions loaded (1 each), by program, version, status and the content hash of the version as published',
      labelNames: ['program', 'version', 'status', 'contentHash'],
      registers,
      collect() {
        this.reset();
        for (const p of catalog().all()) for (const v of p.versions) this.set({ program: p.key, version: v.version.version, status: v.version.status, contentHash: v.contentHash }, 1);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'subsidy_' });
  }

  countDecisions(records: readonly DecisionRecord[]): void {
    for (const r of records) this.decisions.inc({ program: r.program, outcome: r.outcome });
  }

  observeCommands(client: CommandEvents): void {
    client.on('commandSucceeded', (e) => this.databaseSeconds.observe({ command: e.commandName, result: 'ok' }, e.duration / 1000));
    client.on('commandFailed', (e) => this.databaseSeconds.observe({ command: e.commandName, result: 'failed' }, e.duration / 1000));
  }
}
