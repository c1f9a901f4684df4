import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { issueKey } from '../../src/access/api-keys';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { startRuntime, type Runtime } from '../../src/runtime';
import { startFerretDb, type EmbeddedDatabase } from '../../src/store/embedded-ferretdb';
import { suzhouSubsidyApplication } from '../support/fixtures';

const config = loadConfig();
const dir = mkdtempSync(join(tmpdir(), 'db-down-'));
let db: EmbeddedDatabase;
let runtime: Runtime;
let token: string;

beforeAll(async () => {
  db = await startFerretDb(config.ferretDbBinary, dir, 'down');
  runtime = await startRuntime({ mongodbUri: db.uri, writeConcern: { w: 1, journal: true } });
  const issued = issueKey('test', 'applicant', ['*']);
  await runtime.context.keys.create(issued.record);
  token = issued.token;
});
afterAll(async () => {
  await runtime?.database.close().catch(() => undefined);
  await db?.stop();
  rmSync(dir, { recursive: true, force: true });
});

(config.mongodbUri ? it.skip : it)('answers 503 at once while the database is down (no buffered commands), and recovers without a restart', async () => {
  const app = buildApp(runtime.context);
  const submit = () => request(app).post('/v1/applications').set('Authorization', `Bearer ${token}`).send(suzhouSubsidyApplication());
  expect((await submit()).status).toBe(201);

  await db.stop();
  for (const send of [() => request(app).get('/readyz'), submit]) {
    const started = Date.now();
    const res = await send();
    expect(res.status).toBe(503);
    // the 1.5 s server selection, not a hang: commands are not buffered (mongoose would wait 10 s);
    // the bound leaves room for a busy machine
    expect(Date.now() - started).toBeLessThan(8000);
  }
  expect((await request(app).get('/healthz')).status).toBe(200);

  db = await startFerretDb(config.ferretDbBinary, dir, 'down', db.port);
  let ready = 0;
  for (let i = 0; i < 100 && ready !== 200; i++) {
    ready = (await request(app).get('/readyz')).status;
    if (ready !== 200) await new Promise((r) => setTimeout(r, 100));
  }
  expect(ready).toBe(200);
  const after = await submit();
  expect(after.status).toBe(201);
  // what was accepted before the outage is still there
  expect(await runtime.context.models.applications.countDocuments()).toBe(2);
});
