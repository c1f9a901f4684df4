/**
 * Creates, lists and revokes API keys, and rotates the development keys, in the service
 * database: MONGODB_URI's, or else the embedded one on DATA_DIR (the running service's, found
 * through the data folder's instance.json, or a FerretDB this command starts and stops).
 *   npm run keys -- --help
 */
import { Command, InvalidArgumentError } from 'commander';
import pino from 'pino';
import { issueKey } from '../access/api-keys';
import { ROLES, type Role } from '../access/roles';
import { loadConfig } from '../config';
import { openEmbedded } from '../embedded-instance/instance-file';
import { ensureDevelopmentKeys } from '../service/development-keys';
import { ApiKeyStore } from '../store/api-key-store';
import { connectDatabase } from '../store/database';
import { runCli } from './run';

async function withStore<T>(work: (store: ApiKeyStore) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const embedded = config.mongodbUri ? undefined : await openEmbedded(config.ferretDbBinary, config.dataDir, 'subsidies');
  if (embedded) console.error(`embedded database in ${config.dataDir}, through ${embedded.origin}`);
  try {
    const db = await connectDatabase(config.mongodbUri ?? embedded!.uri, config.writeConcern);
    try {
      return await work(new ApiKeyStore(db.models));
    } finally {
      await db.close();
    }
  } finally {
    await embedded?.release();
  }
}

const role = (value: string): Role => {
  if (!ROLES.includes(value as Role)) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return value as Role;
};
const collect = (value: string, previous: string[] = []) => [...previous, value];

const program = new Command('keys')
  .description('API keys in the service database: MONGODB_URI, or else the embedded database on DATA_DIR (default .data/ferretdb)')
  .showHelpAfterError();

program
  .command('create')
  .description('issue a key; its token is printed once, only a hash of its secret is stored')
  .requiredOption('--name <name>', 'who uses the key, e.g. "Suzhou portal"')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, role)
  .requiredOption('--jurisdiction <code>', 'a division code the key may act in (with everything below it), or *; repeatable', collect)
  .action(async (o: { name: string; role: Role; jurisdiction: string[] }) => {
    await withStore(async (store) => {
      const { record, token } = issueKey(o.name, o.role, o.jurisdiction);
      await store.create(record);
      console.log(`${record.id}\t${record.role}\t${record.jurisdictions.join(',')}\t${record.name}\n${token}\n(the token is shown once; only its hash is stored)`);
    });
  });

program
  .command('list')
  .description('list every key: id, role, jurisdictions, state, name (never a secret)')
  .action(async () => {
    await withStore(async (store) => {
      for (const k of await store.list()) console.log([k.id, k.role, k.jurisdictions.join(','), k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active', k.name].join('\t'));
    });
  });

program
  .command('revoke')
  .description('revoke a key by id (revoking twice keeps the first time)')
  .argument('<id>', 'the key id (the 12 hex digits after sk_)')
  .action(async (id: string) => {
    await withStore(async (store) => {
      const k = await store.revoke(id);
      if (!k) throw new Error(`no key ${id}`);
      console.log(`${k.id} revoked at ${k.revokedAt!.toISOString()}`);
    });
  });

program
  .command('rotate-dev')
  .description("embedded default only: revoke the development keys and write new ones to DATA_DIR's dev-api-keys.env")
  .action(async () => {
    const config = loadConfig();
    if (config.mongodbUri) throw new Error('development keys belong to the embedded default: unset MONGODB_URI (and set DATA_DIR for another data folder)');
    await withStore(async (store) => {
      const r = await ensureDevelopmentKeys(store, config.dataDir, pino({ level: 'silent' }), { rotate: true });
      console.log(`new development keys written to ${r.file}\n${Object.entries(r.ids).map(([k, id]) => `${k}\t${id}`).join('\n')}`);
    });
  });

runCli(program);
