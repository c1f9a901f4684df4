import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { issueKey, parseToken } from '../access/api-keys';
import { ROLES, type Role } from '../access/roles';
import type { ApiKeyStore } from '../store/api-key-store';

const PREFIX = 'development ';

/** The file holding the embedded default's development keys: inside the data folder it serves. */
export function developmentKeysFile(dataDir: string): string {
  return join(dataDir, 'dev-api-keys.env');
}

export const variableOf = (role: Role): string => `${role.replace('-', '_').toUpperCase()}_KEY`;

/** Tokens by role read from a keys file (missing file or lines: none). */
export function readDevelopmentKeys(file: string): Partial<Record<Role, string>> {
  if (!existsSync(file)) return {};
  const out: Partial<Record<Role, string>> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(?:export\s+)?([A-Z_]+)=(\S+)$/.exec(line.trim());
    const role = m && ROLES.find((r) => variableOf(r) === m[1]);
    if (role && parseToken(m[2]!)) out[role] = m[2]!;
  }
  return out;
}

export interface DevelopmentKeysResult {
  file: string;
  /** Key ids by role. */
  ids: Record<Role, string>;
  issued: Role[];
  reused: Role[];
}

/**
 * The embedded default's keys: one per role, all jurisdictions, created once per data folder
 * and kept in `dev-api-keys.env` there. A start reuses every key of the file that is still
 * live; it issues (and writes) a key only for a role without one, and revokes development keys
 * the file no longer names. `rotate` revokes them all and issues new ones. Secrets are written
 * to the file only, never to the log.
 */
export async function ensureDevelopmentKeys(keys: ApiKeyStore, dataDir: string, logger: Logger, options: { rotate?: boolean } = {}): Promise<DevelopmentKeysResult> {
  const file = developmentKeysFile(dataDir);
  const known = options.rotate ? {} : readDevelopmentKeys(file);
  const tokens = {} as Record<Role, string>;
  const ids = {} as Record<Role, string>;
  const issued: Role[] = [];
  const reused: Role[] = [];
  for (const role of ROLES) {
    const token = known[role];
    const record = token ? await keys.authenticate(token) : undefined;
    if (token && record && record.role === role && record.name.startsWith(PREFIX)) {
      tokens[role] = token;
      ids[role] = record.id;
      reused.push(role);
      continue;
    }
    const fresh = issueKey(`${PREFIX}${role}`, role, ['*']);
    await keys.create(fresh.record);
    tokens[role] = fresh.token;
    ids[role] = fresh.record.id;
    issued.push(role);
  }
  const keep = new Set(Object.values(ids));
  for (const k of await keys.list()) if (k.name.startsWith(PREFIX) && k.revokedAt === null && !keep.has(k.id)) await keys.revoke(k.id);
  if (issued.length) {
    const text = ROLES.map((r) => `export ${variableOf(r)}=${tokens[r]}`).join('\n') + '\n';
    writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
  logger.info({ file, keyIds: ids, issued, reused }, `development keys (one per role) are in ${file}: source it for the README's examples`);
  return { file, ids, issued, reused };
}
