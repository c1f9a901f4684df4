import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from './roles';

/**
 * API keys: `sk_<id>_<secret>`. Only the sha256 of the secret is stored (the secret is 32
 * random bytes, so a fast hash is enough); the id finds the record.
 */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  /** Jurisdiction codes the key may act in, each with everything below it; "*" for all. */
  jurisdictions: string[];
  secretHash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface IssuedKey {
  record: ApiKeyRecord;
  /** Shown once, never stored. */
  token: string;
}

export function issueKey(name: string, role: Role, jurisdictions: string[], now = new Date()): IssuedKey {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { token: `sk_${id}_${secret}`, record: { id, name, role, jurisdictions, secretHash: hashSecret(secret), createdAt: now, revokedAt: null } };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

const TOKEN = /^sk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function parseToken(token: string): { id: string; secret: string } | undefined {
  const m = TOKEN.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

export function secretMatches(record: ApiKeyRecord, secret: string): boolean {
  const a = Buffer.from(record.secretHash, 'hex');
  const b = Buffer.from(hashSecret(secret), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether a key may act for a beneficiary registered in `code` (its chain given nation first). */
export function inScope(record: Pick<ApiKeyRecord, 'jurisdictions'>, chain: readonly string[]): boolean {
  return record.jurisdictions.includes('*') || record.jurisdictions.some((j) => chain.includes(j));
}
