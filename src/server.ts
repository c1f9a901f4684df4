import pino from 'pino';
import { buildApp } from './app';
import { loadConfig } from './config';
import { startRuntime } from './service/runtime';
import { startFerretDb, type EmbeddedDatabase } from './store/embedded-ferretdb';
import { issueDevelopmentKeys } from './service/development-keys';
import { join } from 'node:path';

/** Starts the service: the configured MongoDB, or an embedded FerretDB with local data. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, redact: ['req.headers.authorization'] });
  let embedded: EmbeddedDatabase | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    embedded = await startFerretDb(config.ferretDbBinary, config.dataDir, 'subsidies', undefined, { backend: config.embeddedDb });
    uri = embedded.uri;
    logger.info({ dataDir: embedded.dataDir, uri, backend: embedded.backend }, `embedded FerretDB (${embedded.backend}) started; data is kept in ${embedded.dataDir}`);
  }
  const runtime = await startRuntime({
    mongodbUri: uri,
    writeConcern: config.writeConcern,
    bodyLimit: config.bodyLimit,
    logger,
    rateLimitPerMinute: config.rateLimitPerMinute,
    corsOrigins: config.corsOrigins,
    apiKeysFile: config.apiKeysFile,
    embedded,
  });
  if (embedded) await issueDevelopmentKeys(runtime.context.keys, join(config.dataDir, '..', 'dev-api-keys.env'), logger);
  if (runtime.recovered) logger.info({ recovered: runtime.recovered }, 'completed applications interrupted by a previous stop');
  const app = buildApp(runtime.context);
  const server = app.listen(config.port, () => {
    logger.info({ port: config.port, programs: runtime.context.catalog.all().map((p) => p.key) }, `listening on http://localhost:${config.port} (API docs at /docs)`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining requests');
    server.close();
    server.closeIdleConnections();
    await new Promise<void>((resolve) => {
      server.once('close', () => resolve());
      setTimeout(resolve, 10000).unref();
    });
    await runtime.database.close().catch(() => undefined);
    await embedded?.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
