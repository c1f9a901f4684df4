import mongoose, { type Connection } from 'mongoose';
import { defineModels, type Models } from './models';

export interface Database {
  connection: Connection;
  models: Models;
  close(): Promise<void>;
}

/**
 * Connects without command buffering and with a short server-selection timeout, so a
 * database that is down answers quickly instead of hanging requests.
 */
export async function connectDatabase(uri: string, options: { journal: boolean; w: 'majority' | number; poolSize?: number; monitorCommands?: boolean }): Promise<Database> {
  const connection = mongoose.createConnection(uri, {
    bufferCommands: false,
    autoIndex: false,
    serverSelectionTimeoutMS: 1500,
    connectTimeoutMS: 1500,
    socketTimeoutMS: 30000,
    // A bounded pool queues bursts in the driver instead of piling them onto the server
    // (FerretDB's SQLite handler serialises writes anyway).
    maxPoolSize: options.poolSize ?? 16,
    // command monitoring (for benchmarks and tests counting round trips)
    monitorCommands: options.monitorCommands ?? false,
    writeConcern: { w: options.w, j: options.journal },
  });
  connection.set('sanitizeFilter', true);
  connection.set('strictQuery', 'throw');
  await connection.asPromise();
  const models = defineModels(connection);
  // Every collection exists before the embedded database indexes its `_id` lookups at start-up
  // (id-indexes.ts): one first written later would otherwise be scanned until the next start.
  await Promise.all(Object.values(models).map((m) => m.createCollection().catch((e: unknown) => {
    if ((e as { code?: number }).code !== 48) throw e; // NamespaceExists
  })));
  await Promise.all(Object.values(models).map((m) => m.createIndexes()));
  return { connection, models, close: () => connection.close() };
}

export function isDuplicateKey(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: number }).code === 11000;
}
