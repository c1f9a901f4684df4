import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { ProgramCatalog } from '../rules/catalog';
import type { SimulationJobDoc, SimulationJobStore } from '../store/simulation-store';
import { simulate, type SimulationProgress, type SimulationRequest, type SimulationSource } from './simulate';

/**
 * Simulations run as jobs: creating one answers at once with its id; the run goes on in the
 * background of this process, writing its progress and then its result (or its error) to its
 * own document, which only this process writes. Nothing else is written.
 */
export class SimulationJobs {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly store: SimulationJobStore,
    private readonly source: SimulationSource,
    private readonly logger: Logger = pino({ level: 'silent' }),
  ) {}

  /** Starts a job on the catalog given (the one in force when it was asked for). */
  async start(catalog: ProgramCatalog, request: SimulationRequest, createdBy: string): Promise<SimulationJobDoc> {
    const doc: SimulationJobDoc = { _id: `sim_${randomUUID()}`, state: 'running', request: request as unknown as Record<string, unknown>, createdBy, createdAt: new Date(), progress: { phase: 'scanning', scanned: 0, matched: 0, evaluated: 0 } };
    await this.store.create(doc);
    const run = this.run(catalog, doc._id, request).finally(() => this.running.delete(doc._id));
    this.running.set(doc._id, run);
    return doc;
  }

  get(id: string): Promise<SimulationJobDoc | undefined> {
    return this.store.get(id);
  }

  /** Resolves when the job (if it runs in this process) has finished. */
  async settled(id: string): Promise<void> {
    await this.running.get(id);
  }

  private async run(catalog: ProgramCatalog, id: string, request: SimulationRequest): Promise<void> {
    let last: SimulationProgress = { phase: 'scanning', scanned: 0, matched: 0, evaluated: 0 };
    try {
      const result = await simulate(catalog, this.source, request, async (p) => {
        last = p;
        await this.store.progress(id, { ...p });
      });
      await this.store.finish(id, { state: 'done', result: result as unknown as Record<string, unknown>, progress: { ...last } });
    } catch (e) {
      this.logger.error({ err: e, simulation: id }, 'simulation failed');
      await this.store.finish(id, { state: 'failed', error: (e as Error).message, progress: { ...last } }).catch(() => undefined);
    }
  }
}

/** A job as the API shows it. */
export function simulationResource(doc: SimulationJobDoc) {
  return {
    id: doc._id,
    state: doc.state,
    request: doc.request,
    createdAt: doc.createdAt.toISOString(),
    progress: doc.progress,
    ...(doc.finishedAt ? { finishedAt: doc.finishedAt.toISOString() } : {}),
    ...(doc.result ? { result: doc.result } : {}),
    ...(doc.error ? { error: doc.error } : {}),
  };
}
