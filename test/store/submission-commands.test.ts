import { startRuntime, type Runtime } from '../../src/runtime';
import { workloads } from '../../scripts/storage-bench/workload';
import { useTestService } from '../support/service';

/**
 * The database commands one submission costs (the driver's command monitoring), for a firm the
 * service has not seen: the writes folded into one another stay folded. With an
 * Idempotency-Key the application's insert is also the key's claim, so the count is the same.
 */
const svc = useTestService({ checkInvariants: true });
const CRUD = new Set(['find', 'insert', 'update', 'delete', 'findAndModify', 'count', 'aggregate', 'getMore', 'distinct']);
let watched: Runtime;
let firm = 8_100_000;

beforeAll(async () => {
  watched = await startRuntime({ mongodbUri: svc().uri, writeConcern: { w: 1, journal: true }, monitorCommands: true, today: () => '2025-03-15' });
});
afterAll(async () => {
  await watched.database.close();
});

async function commandsOf(make: (n: number) => object, key?: string): Promise<{ commands: string[]; outcome: string }> {
  const body = make(firm++);
  await watched.context.warnings.idle(); // monitoring of earlier decisions (its own commands) is done
  const commands: string[] = [];
  const client = watched.database.connection.getClient();
  const listen = (e: { commandName: string; command: Record<string, unknown> }) => {
    if (CRUD.has(e.commandName)) commands.push(`${e.commandName} ${String(e.command[e.commandName])}`);
  };
  client.on('commandStarted', listen);
  try {
    const reply = await watched.context.submissions.submit(body as never, 'commands-test', key);
    return { commands, outcome: reply.body.decision.outcome };
  } finally {
    client.off('commandStarted', listen);
  }
}

it.each([
  { name: 'uncapped', make: workloads.uncapped, most: 4 },
  { name: 'one cap', make: workloads.capped, most: 6 },
  { name: 'Suzhou budget with the park top-up', make: workloads.suzhouWithTopUp, most: 9 },
])('a submission for a new firm, $name: at most $most commands, the same with an Idempotency-Key', async ({ make, most }) => {
  // the first of a kind meets ledgers this process has not seen (the budget's head is read forward once)
  await commandsOf(make);
  const plain = await commandsOf(make);
  const keyed = await commandsOf(make, `commands-${firm}`);
  expect(plain.outcome).toBe('approved');
  // issue 9's budget for the submission's own writes, plus the one insert that chains its
  // decisions into the tamper-evident decision log (issue 13), named apart
  const chained = plain.commands.filter((c) => c === 'insert decision_log');
  const own = plain.commands.filter((c) => c !== 'insert decision_log');
  expect(chained).toEqual(['insert decision_log']);
  expect(own.length <= most ? [] : own).toEqual([]);
  expect(keyed.commands).toEqual(plain.commands);
});
