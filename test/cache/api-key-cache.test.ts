import { issueKey } from '../../src/access/api-keys';
import type { Models } from '../../src/store/models';
import { ApiKeyStore } from '../../src/store/api-key-store';

/** A keys collection in memory that counts the reads reaching it. */
function fakeModels() {
  const docs = new Map<string, Record<string, unknown>>();
  const counter = { reads: 0 };
  const lean = <T>(v: T) => ({ lean: async () => v });
  const apiKeys = {
    findById: (id: string) => {
      counter.reads++;
      const d = docs.get(id);
      return lean(d ? { ...d } : null);
    },
    create: async (doc: Record<string, unknown>) => void docs.set(doc._id as string, { ...doc }),
    updateOne: async (filter: { _id: string }, update: { $set: Record<string, unknown> }) => void Object.assign(docs.get(filter._id)!, update.$set),
  };
  return { models: { apiKeys } as unknown as Models, counter };
}

describe('API-key authentication cache', () => {
  it('authenticates repeated requests without reading the database again', async () => {
    const { models, counter } = fakeModels();
    const store = new ApiKeyStore(models);
    const { record, token } = issueKey('portal', 'applicant', ['*']);
    await store.create(record);
    expect((await store.authenticate(token))?.id).toBe(record.id);
    const reads = counter.reads;
    for (let i = 0; i < 5; i++) expect((await store.authenticate(token))?.id).toBe(record.id);
    expect(counter.reads).toBe(reads);
    // a wrong secret for a cached id is still refused
    expect(await store.authenticate(token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'))).toBeUndefined();
  });

  it('forgets a key revoked in this process at once', async () => {
    const { models } = fakeModels();
    const store = new ApiKeyStore(models);
    const { record, token } = issueKey('portal', 'applicant', ['*']);
    await store.create(record);
    expect(await store.authenticate(token)).toBeDefined();
    await store.revoke(record.id);
    expect(await store.authenticate(token)).toBeUndefined();
  });

  it('sees a revocation made by another process once the entry expires', async () => {
    const { models } = fakeModels();
    const here = new ApiKeyStore(models, undefined, { ms: 50 });
    const elsewhere = new ApiKeyStore(models);
    const { record, token } = issueKey('portal', 'applicant', ['*']);
    await here.create(record);
    expect(await here.authenticate(token)).toBeDefined();
    await elsewhere.revoke(record.id);
    // stale until the entry expires: the documented cross-process delay
    expect(await here.authenticate(token)).toBeDefined();
    await new Promise((r) => setTimeout(r, 80));
    expect(await here.authenticate(token)).toBeUndefined();
  });

  it('does not cache unknown keys, so a key created elsewhere works at once', async () => {
    const { models } = fakeModels();
    const here = new ApiKeyStore(models);
    const elsewhere = new ApiKeyStore(models);
    const { record, token } = issueKey('portal', 'applicant', ['*']);
    expect(await here.authenticate(token)).toBeUndefined();
    await elsewhere.create(record);
    expect(await here.authenticate(token)).toBeDefined();
  });
});
