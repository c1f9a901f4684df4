import { readFileSync } from 'node:fs';
import { parseToken, secretMatches, type ApiKeyRecord } from '../access/api-keys';
import { ROLES, type Role } from '../access/roles';
import { isDuplicateKey } from './database';
import type { ApiKeyDoc, Models } from './models';

/**
 * API keys from the database, and optionally from a read-only file given by config.
 *
 * Keys read from the database are cached for `cacheMs` (default 30 s, at most `cacheSize`
 * keys) so a request costs no database round trip in the common case. A key revoked or
 * created through this store is forgotten at once; a key revoked by another process (another
 * service instance, the keys CLI) stays accepted here until its cache entry expires.
 */
export class ApiKeyStore {
  private readonly fileKeys = new Map<string, ApiKeyRecord>();
  private readonly cached = new Map<string, { record: ApiKeyRecord; until: number }>();
  private readonly cacheMs: number;
  private readonly cacheSize: number;
  /** Counts revocations and creations: a read that overlapped one is not cached. */
  private changes = 0;

  constructor(private readonly models: Models, keysFile?: string, cache: { ms?: number; size?: number } = {}) {
    this.cacheMs = cache.ms ?? 30_000;
    this.cacheSize = cache.size ?? 10_000;
    if (keysFile) {
      const list = JSON.parse(readFileSync(keysFile, 'utf8')) as Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'>[];
      for (const k of list) {
        if (!ROLES.includes(k.role) || !/^[0-9a-f]{12}$/.test(k.id) || !/^[0-9a-f]{64}$/.test(k.secretHash)) throw new Error(`${keysFile}: key ${k.id} is malformed`);
        this.fileKeys.set(k.id, { ...k, createdAt: new Date(0), revokedAt: null });
      }
    }
  }

  /** The live key a bearer token stands for, or undefined. */
  async authenticate(token: string): Promise<ApiKeyRecord | undefined> {
    const parsed = parseToken(token);
    if (!parsed) return undefined;
    const record = this.fileKeys.get(parsed.id) ?? (await this.cachedFind(parsed.id));
    if (!record || record.revokedAt !== null) return undefined;
    return secretMatches(record, parsed.secret) ? record : undefined;
  }

  /** A database key, from the cache while it is fresh; unknown ids are not cached. */
  private async cachedFind(id: string): Promise<ApiKeyRecord | undefined> {
    const now = Date.now();
    const hit = this.cached.get(id);
    if (hit && hit.until > now) return hit.record;
    this.cached.delete(id);
    const changesBefore = this.changes;
    const record = await this.find(id);
    if (record && this.changes === changesBefore) {
      if (this.cached.size >= this.cacheSize) this.cached.delete(this.cached.keys().next().value!);
      this.cached.set(id, { record, until: now + this.cacheMs });
    }
    return record;
  }

  async create(record: ApiKeyRecord): Promise<void> {
    this.changes++;
    this.cached.delete(record.id);
    try {
      await this.models.apiKeys.create({ _id: record.id, name: record.name, role: record.role, jurisdictions: record.jurisdictions, secretHash: record.secretHash, createdAt: record.createdAt, revokedAt: null });
    } catch (e) {
      if (isDuplicateKey(e)) throw new Error(`key ${record.id} exists`);
      throw e;
    }
  }

  async list(): Promise<ApiKeyRecord[]> {
    const docs = await this.models.apiKeys.find().sort({ createdAt: 1 }).lean();
    return [...docs.map(toRecord), ...this.fileKeys.values()];
  }

  async find(id: string): Promise<ApiKeyRecord | undefined> {
    const doc = await this.models.apiKeys.findById(id).lean();
    return doc ? toRecord(doc) : undefined;
  }

  /** Revokes a key; revoking twice keeps the first time. */
  async revoke(id: string, at = new Date()): Promise<ApiKeyRecord | undefined> {
    this.changes++;
    this.cached.delete(id);
    const doc = await this.models.apiKeys.findById(id).lean();
    if (!doc) return undefined;
    if (doc.revokedAt === null) await this.models.apiKeys.updateOne({ _id: id }, { $set: { revokedAt: at } });
    // a request that read the key during the update must not keep it
    this.changes++;
    this.cached.delete(id);
    return this.find(id);
  }
}

function toRecord(doc: ApiKeyDoc): ApiKeyRecord {
  return { id: doc._id, name: doc.name, role: doc.role as Role, jurisdictions: doc.jurisdictions, secretHash: doc.secretHash, createdAt: doc.createdAt, revokedAt: doc.revokedAt ?? null };
}
