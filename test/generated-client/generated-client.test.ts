import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { PROJECT_ROOT } from '../../src/paths';
import { useTestService } from '../support/service';

jest.setTimeout(180000);
const svc = useTestService({ today: '2025-07-01' });
const bin = (name: string) => join(PROJECT_ROOT, 'node_modules', '.bin', name);

/** Runs a tool in the client's folder (asynchronously: the service answers in this process); a failure shows its output. */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 150000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed (${error.code ?? error.signal}):\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

it('a client generated from /openapi.json by openapi-typescript compiles and submits through openapi-fetch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'subsidy-client-'));
  const server = svc().app.listen(0, '127.0.0.1');
  try {
    await new Promise((resolve) => server.once('listening', resolve));
    const spec = await request(svc().app).get('/openapi.json');
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(spec.body));
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    copyFileSync(join(__dirname, 'client-program.ts.txt'), join(dir, 'client.ts'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, skipLibCheck: true, lib: ['ES2022', 'DOM'], types: ['node'] }, files: ['client.ts', 'api.d.ts'] }),
    );

    await run(bin('openapi-typescript'), ['openapi.json', '-o', 'api.d.ts'], dir);
    const types = require('node:fs').readFileSync(join(dir, 'api.d.ts'), 'utf8') as string;
    expect(types).not.toMatch(/^\s+\$defs[?]?:/m);

    await run(bin('tsc'), ['-p', 'tsconfig.json'], dir);

    const { port } = server.address() as AddressInfo;
    const ran = await run(bin('tsx'), ['client.ts'], dir, { BASE_URL: `http://127.0.0.1:${port}`, TOKEN: svc().tokens.applicant });
    const result = JSON.parse(ran.trim().split('\n').pop()!) as { status: number; amount: string; location: string; outcomes: string[]; problem: string };
    expect(result.status).toBe(201);
    expect(result.amount).toBe('20000000.00');
    expect(result.location).toMatch(/^\/v1\/applications\/app_/);
    expect(result.outcomes).toContain('320500/loan-interest-subsidy:needs-information');
    expect(result.problem).toBe('404 未找到');
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
