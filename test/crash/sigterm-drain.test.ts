import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueKey } from '../../src/access/api-keys';
import { loadConfig } from '../../src/config';
import { PROJECT_ROOT } from '../../src/paths';
import { connectDatabase, type Database } from '../../src/store/database';
import { startFerretDb, type EmbeddedDatabase } from '../../src/store/embedded-ferretdb';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { expectMoneyInvariants } from '../support/invariants';

/**
 * SIGTERM under keep-alive load: the server stops accepting (idle sockets closed, every later
 * answer with `Connection: close`), finishes what is in flight, then closes the database and
 * exits 0. No client ever sees a 500, no keep-alive client keeps being served, and every
 * acknowledged decision is stored.
 */
const config = loadConfig();
const dir = mkdtempSync(join(tmpdir(), 'drain-'));
let ferret: EmbeddedDatabase | undefined;
let uri: string;
let db: Database;
const { record, token } = issueKey('drain test', 'applicant', ['*']);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  if (config.mongodbUri) {
    const u = new URL(config.mongodbUri);
    u.pathname = `/drain_${process.pid}_${Date.now()}`;
    uri = u.toString();
  } else {
    ferret = await startFerretDb(config.ferretDbBinary, dir, 'drain');
    uri = ferret.uri;
  }
  db = await connectDatabase(uri, { w: 1, journal: true });
});
afterAll(async () => {
  await db?.close();
  await ferret?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Answer = { status: number; connection: string | undefined; at: number; decisionId?: string };

function post(agent: Agent, port: number, body: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port, path: '/v1/applications', method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), Authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => {
        const json = res.statusCode === 201 ? (JSON.parse(text) as { decision: { id: string } }) : undefined;
        resolve({ status: res.statusCode!, connection: res.headers.connection, at: Date.now(), decisionId: json?.decision.id });
      });
    });
    req.once('error', reject);
    req.end(payload);
  });
}

it('drains keep-alive clients on SIGTERM: no 500, nothing served after the drain, every 201 stored', async () => {
  const keysFile = join(dir, 'keys.json');
  writeFileSync(keysFile, JSON.stringify([{ id: record.id, name: record.name, role: record.role, jurisdictions: record.jurisdictions, secretHash: record.secretHash }]));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'server.ts')], {
    env: { ...process.env, MONGODB_URI: uri, PORT: String(port), API_KEYS_FILE: keysFile, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '100000', SHUTDOWN_TIMEOUT_MS: '60000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  let signalledAt = Infinity;
  let n = 0;
  const answers: Answer[][] = [];
  const client = async (c: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const mine: Answer[] = [];
    answers[c] = mine;
    // keep sending on the same keep-alive socket until the server stops answering, or 20 s after the signal
    while (Date.now() < signalledAt + 20_000) {
      try {
        mine.push(await post(agent, port, suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(20_000 + n++) } })));
      } catch {
        break; // connection refused or reset: the server is gone
      }
    }
    agent.destroy();
  };
  const clients = Array.from({ length: 12 }, (_, c) => client(c));
  while (answers.flat().filter((a) => a.status === 201).length < 24) await new Promise((r) => setTimeout(r, 20));
  signalledAt = Date.now();
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  await Promise.all(clients);

  const all = answers.flat();
  expect(all.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
  for (const mine of answers) {
    // the request in flight at the signal (and at most one more racing it) is answered; then the socket closes.
    // The first answer after the signal may have left the server before it saw the signal (keep-alive; the
    // server then closes the idle socket); any later one was sent while draining and says Connection: close.
    const after = mine.filter((a) => a.at > signalledAt);
    expect(after.length).toBeLessThanOrEqual(2);
    for (const a of after.slice(1)) expect(a.connection).toBe('close');
  }
  const acknowledged = all.filter((a) => a.status === 201);
  for (const a of acknowledged) expect(await db.models.decisions.exists({ _id: a.decisionId! })).not.toBeNull();
  expect(await db.models.pending.countDocuments()).toBe(0);
  await expectMoneyInvariants(db.models);
}, 180_000);
