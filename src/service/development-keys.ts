import { writeFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { issueKey } from '../access/api-keys';
import { ROLES } from '../access/roles';
import type { ApiKeyStore } from '../store/api-key-store';

const PREFIX = 'development ';

/**
 * The embedded default's keys: one per role, all jurisdictions, new at every start (the
 * previous start's are revoked). Printed to the log and written to a file the README sources.
 */
export async function issueDevelopmentKeys(keys: ApiKeyStore, envFile: string, logger: Logger): Promise<void> {
  for (const k of await keys.list()) if (k.name.startsWith(PREFIX) && k.revokedAt === null) await keys.revoke(k.id);
  const lines: string[] = [];
  for (const role of ROLES) {
    const { record, token } = issueKey(`${PREFIX}${role}`, role, ['*']);
    await keys.create(record);
    const variable = `${role.replace('-', '_').toUpperCase()}_KEY`;
    lines.push(`export ${variable}=${token}`);
    logger.info({ role, variable }, `development ${role} key: ${token}`);
  }
  writeFileSync(envFile, lines.join('\n') + '\n', { mode: 0o600 });
  logger.info({ file: envFile }, `development keys written to ${envFile} (source it for the README's examples)`);
}
