import { createServer } from 'node:http';
import pino from 'pino';
import { buildApp } from './app';
import { loadConfig } from './config';
import { startRuntime } from './runtime';
import { startFerretDb, type EmbeddedDatabase } from './store/embedded-ferretdb';
import { ensureDevelopmentKeys } from './service/development-keys';
import { removeInstanceFile, writeInstanceFile } from './embedded-instance/instance-file';
import { Drain } from './lifecycle/drain';

/** Starts the service: the configured MongoDB, or an embedded FerretDB with local data. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, redact: ['req.headers.authorization'] });
  let embedded: EmbeddedDatabase | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    embedded = await startFerretDb(config.ferretDbBinary, config.dataDir, 'subsidies', undefined, { backend: config.embeddedDb });
    uri = embedded.uri;
    writeInstanceFile(embedded.dataDir, uri);
    logger.info({ dataDir: embedded.dataDir, uri, backend: embedded.backend }, `embedded FerretDB (${embedded.backend}) started; data is kept in ${embedded.dataDir}`);
  }
  let runtime: Awaited<ReturnType<typeof startRuntime>>;
  try {
    runtime = await startRuntime({
      mongodbUri: uri,
      writeConcern: config.writeConcern,
      bodyLimit: config.bodyLimit,
      logger,
      rateLimitPerMinute: config.rateLimitPerMinute,
      corsOrigins: config.corsOrigins,
      apiKeysFile: config.apiKeysFile,
      rulesDir: config.rulesDir,
      metricsToken: config.metricsToken,
      embedded,
    });
    if (embedded) await ensureDevelopmentKeys(runtime.context.keys, config.dataDir, logger);
  } catch (e) {
    // a start that fails stops the database it started: nothing is left running
    await embedded?.stop();
    if (embedded) removeInstanceFile(embedded.dataDir);
    throw e;
  }
  if (runtime.recovered) logger.info({ recovered: runtime.recovered }, 'completed applications interrupted by a previous stop');
  if (runtime.setAside) logger.error({ setAside: runtime.setAside }, 'applications that could not be decided were set aside: GET /v1/set-aside-applications lists them');
  const app = buildApp(runtime.context);
  const server = createServer();
  const drain = new Drain(server);
  server.on('request', drain.handler(app));
  server.listen(config.port, () => {
    logger.info({ port: config.port, programs: runtime.context.catalog.all().map((p) => p.key) }, `listening on http://localhost:${config.port} (API docs at /docs)`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining requests');
    // the database closes only once no request can use it any more
    const { timedOut } = await drain.begin(config.shutdownTimeoutMs);
    if (timedOut) logger.warn({ timeoutMs: config.shutdownTimeoutMs }, 'requests still in flight at the drain timeout: their connections were closed');
    await runtime.context.submissions.close().catch(() => undefined);
    await runtime.database.close().catch(() => undefined);
    await embedded?.stop();
    if (embedded) removeInstanceFile(embedded.dataDir);
    logger.info('stopped');
    process.exit(0);
  };
  // SIGHUP: reload the rule files, all or nothing (the log says what changed, or why it was refused)
  process.on('SIGHUP', () => {
    runtime.reloadRules({ by: 'signal', signal: 'SIGHUP' }).catch((err: unknown) => logger.error({ err }, 'rule reload failed'));
  });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
