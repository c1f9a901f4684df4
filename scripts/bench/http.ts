import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { issueKey } from '../../src/access/api-keys';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { startRuntime } from '../../src/runtime';
import { startFerretDb } from '../../src/store/embedded-ferretdb';

/**
 * Eligibility checks over HTTP against a bare Express 5 endpoint that parses the same body
 * and answers the same JSON (res.json of the service's answer); load from autocannon in a child process (10 connections), the
 * four runs interleaved. The service runs on its embedded FerretDB with one API key.
 */
const listen = (app: express.Express) =>
  new Promise<{ server: Server; url: string }>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });

function autocannon(url: string, body: string, token: string, seconds: number): Promise<{ rps: number; non2xx: number }> {
  const bin = require.resolve('autocannon/autocannon.js');
  const args = [bin, '-j', '-c', '10', '-d', String(seconds), '-m', 'POST', '-H', 'Content-Type=application/json', '-H', `Authorization=Bearer ${token}`, '-b', body, url];
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(err);
      const r = JSON.parse(stdout) as { requests: { average: number }; non2xx: number };
      resolve({ rps: r.requests.average, non2xx: r.non2xx });
    }),
  );
}

export async function httpFigures(profile: object, seconds: number) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  const db = await startFerretDb(loadConfig().ferretDbBinary, dir, 'bench');
  const runtime = await startRuntime({ mongodbUri: db.uri, writeConcern: { w: 1, journal: true }, today: () => '2025-03-15', rateLimitPerMinute: 100_000_000 });
  const { record, token } = issueKey('bench', 'applicant', ['*']);
  await runtime.context.keys.create(record);
  const service = await listen(buildApp(runtime.context));
  const body = JSON.stringify(profile);
  const answer = async (query: string) => {
    const res = await fetch(`${service.url}/v1/eligibility-checks${query}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body });
    if (res.status !== 200) throw new Error(`the service answered ${res.status}: ${await res.text()}`);
    return res.text();
  };
  const full = await answer('');
  const summary = await answer('?explain=summary');
  // the bare endpoint parses the body and answers the same object with res.json, as any
  // Express endpoint returning that answer would (so it serialises the same bytes per request)
  const fullAnswer: unknown = JSON.parse(full);
  const summaryAnswer: unknown = JSON.parse(summary);
  const bare = express();
  bare.use(express.json({ limit: '100kb' }));
  bare.post('/full', (req, res) => {
    if (!req.body?.beneficiary) throw new Error('no body');
    res.json(fullAnswer);
  });
  bare.post('/summary', (req, res) => {
    if (!req.body?.beneficiary) throw new Error('no body');
    res.json(summaryAnswer);
  });
  const plain = await listen(bare);
  try {
    const runs = {
      bareFull: await autocannon(`${plain.url}/full`, body, token, seconds),
      serviceFull: await autocannon(`${service.url}/v1/eligibility-checks`, body, token, seconds),
      bareSummary: await autocannon(`${plain.url}/summary`, body, token, seconds),
      serviceSummary: await autocannon(`${service.url}/v1/eligibility-checks?explain=summary`, body, token, seconds),
    };
    return { bytes: { full: full.length, summary: summary.length }, programs: (JSON.parse(full) as { results: unknown[] }).results.length, runs };
  } finally {
    plain.server.close();
    service.server.close();
    await runtime.database.close();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
