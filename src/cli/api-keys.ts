/**
 * Creates, lists and revokes API keys in the configured database (MONGODB_URI).
 *   npm run keys -- create --name "Suzhou portal" --role applicant --jurisdiction 320500 [--jurisdiction 320571]
 *   npm run keys -- list
 *   npm run keys -- revoke <id>
 * With the embedded default, use the admin API (POST /v1/api-keys) with the development admin key.
 */
import { parseArgs } from 'node:util';
import { issueKey } from '../access/api-keys';
import { ROLES, type Role } from '../access/roles';
import { loadConfig } from '../config';
import { ApiKeyStore } from '../store/api-key-store';
import { connectDatabase } from '../store/database';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' }, jurisdiction: { type: 'string', multiple: true } },
  });
  const config = loadConfig();
  if (!config.mongodbUri) {
    console.error('set MONGODB_URI to the service database (with the embedded default, use POST /v1/api-keys)');
    return 2;
  }
  const db = await connectDatabase(config.mongodbUri, config.writeConcern);
  try {
    const store = new ApiKeyStore(db.models);
    const [command, id] = positionals;
    if (command === 'create') {
      const role = values.role as Role;
      if (!values.name || !ROLES.includes(role) || !values.jurisdiction?.length) {
        console.error(`create needs --name, --role (${ROLES.join(', ')}) and at least one --jurisdiction (a code, or *)`);
        return 2;
      }
      const { record, token } = issueKey(values.name, role, values.jurisdiction);
      await store.create(record);
      console.log(`${record.id}\t${record.role}\t${record.jurisdictions.join(',')}\t${record.name}\n${token}\n(the token is shown once; only its hash is stored)`);
    } else if (command === 'list') {
      for (const k of await store.list()) console.log([k.id, k.role, k.jurisdictions.join(','), k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active', k.name].join('\t'));
    } else if (command === 'revoke' && id) {
      const k = await store.revoke(id);
      if (!k) {
        console.error(`no key ${id}`);
        return 1;
      }
      console.log(`${k.id} revoked at ${k.revokedAt!.toISOString()}`);
    } else {
      console.error('usage: keys create|list|revoke <id>');
      return 2;
    }
    return 0;
  } finally {
    await db.close();
  }
}

main().then((code) => process.exit(code), (e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
