import type { TestService } from './service';
import { expectDocumented } from './openapi-responses';

/**
 * Starts a matching run as policy staff and waits for it as a client would: 202 with the run's
 * Location, then GET until its state is done (the test waits on the run itself rather than
 * polling on a timer). Answers the finished run as GET shows it.
 */
export async function finishedMatchingRun(svc: TestService, body: Record<string, unknown>): Promise<Record<string, unknown> & { id: string }> {
  const started = await svc.as('policy-staff').post('/v1/matching-runs').send(body);
  if (started.status !== 202) throw new Error(`POST /v1/matching-runs answered ${started.status}: ${JSON.stringify(started.body)}`);
  expectDocumented(svc.runtime.context.registry, svc.runtime.context.openapi, 'POST', '/v1/matching-runs', started);
  if (started.headers.location !== `/v1/matching-runs/${started.body.id}`) throw new Error(`Location ${started.headers.location}`);
  await svc.runtime.context.matching.settled(started.body.id);
  const got = await svc.as('policy-staff').get(started.headers.location);
  if (got.status !== 200 || got.body.state !== 'done') throw new Error(`the run ended ${got.status} ${JSON.stringify(got.body)}`);
  return got.body;
}
