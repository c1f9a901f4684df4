import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitForPort } from './ports';

export interface EmbeddedPostgres {
  /** A postgresql:// URL for FerretDB's --postgresql-url (pool size added by the caller). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const BIN = process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const USER = 'ferretdb';

/**
 * A private PostgreSQL cluster in `<dataDir>/postgresql`, made with the machine's server
 * binaries on first use, listening on a free loopback port with a password kept beside it.
 * PostgreSQL refuses to run as root: then the cluster belongs to, and runs as, the `postgres`
 * system user (or `nobody`), and `dataDir` is made traversable for it.
 */
export async function startPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  if (!existsSync(join(BIN, 'initdb'))) throw new Error(`EMBEDDED_DB=postgresql needs PostgreSQL server binaries in ${BIN} (set POSTGRES_BIN_DIR)`);
  mkdirSync(dataDir, { recursive: true });
  const cluster = join(dataDir, 'postgresql');
  const passwordFile = join(dataDir, 'postgresql.password');
  const runAs = process.getuid?.() === 0 ? systemUser() : undefined;
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = runAs ? ['runuser', ['-u', runAs.name, '--', join(BIN, cmd), ...args]] : [join(BIN, cmd), args];
    return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' });
  };
  if (runAs) {
    chmodSync(dataDir, 0o711);
    // every folder above the data folder must let that user through, or initdb fails obscurely
    try {
      execFileSync('runuser', ['-u', runAs.name, '--', 'test', '-x', dataDir], { stdio: 'ignore' });
    } catch {
      throw new Error(`EMBEDDED_DB=postgresql runs PostgreSQL as the system user ${runAs.name}, which cannot reach ${dataDir}: make its parent folders traversable (chmod o+x) or set DATA_DIR elsewhere`);
    }
  }
  if (!existsSync(join(cluster, 'PG_VERSION'))) {
    mkdirSync(cluster, { recursive: true, mode: 0o700 });
    const password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
    const pwfile = join(cluster, '..', 'postgresql.pwfile');
    writeFileSync(pwfile, password, { mode: 0o600 });
    if (runAs) {
      chownSync(cluster, runAs.uid, runAs.gid);
      chownSync(pwfile, runAs.uid, runAs.gid);
    }
    try {
      run('initdb', ['-D', cluster, '-U', USER, '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C.UTF-8']);
    } finally {
      execFileSync('rm', ['-f', pwfile]);
    }
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(runAs ? 'runuser' : join(BIN, 'postgres'), [
      ...(runAs ? ['-u', runAs.name, '--', join(BIN, 'postgres')] : []),
      '-D', cluster, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`,
      '-c', 'max_connections=200', '-c', 'fsync=on', '-c', 'logging_collector=off', '-c', 'log_min_messages=warning',
    ], { stdio: ['ignore', 'ignore', 'pipe'], cwd: '/' });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    try {
      await waitForPort(port, child, 30000, 'PostgreSQL');
    } catch (e) {
      child.kill('SIGKILL');
      if (attempt < 5 && /already in use/.test(stderr)) continue;
      throw new Error(`${(e as Error).message}\n${stderr}`);
    }
    return {
      url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      port,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          // done when the server has exited and pg_ctl has returned: nothing is left running
          let waiting = 2;
          const done = () => {
            if (--waiting === 0) resolve();
          };
          child.once('exit', done);
          // fast shutdown (a clean checkpoint, no waiting for clients), by pg_ctl: runuser does
          // not pass signals on to the server
          const stopArgs = ['stop', '-D', cluster, '-m', 'fast', '-w', '-t', '20'];
          const [file, argv] = runAs ? ['runuser', ['-u', runAs.name, '--', join(BIN, 'pg_ctl'), ...stopArgs]] : [join(BIN, 'pg_ctl'), stopArgs];
          execFile(file, argv, { cwd: '/' }, done);
          setTimeout(() => child.kill('SIGKILL'), 20000).unref();
        }),
    };
  }
}

function systemUser(): { name: string; uid: number; gid: number } {
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
      return { name, uid, gid };
    } catch {
      /* no such user */
    }
  }
  throw new Error('running as root, PostgreSQL needs a non-root system user (postgres or nobody)');
}
