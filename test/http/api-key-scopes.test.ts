import request from 'supertest';
import { useTestService } from '../support/service';

/** Every api-keys route, for an unscoped administrator and one scoped to Suzhou (320500). */
const svc = useTestService();

let suzhouAdmin: string;
let suzhouAdminId: string;
let guangzhouKeyId: string;
let suzhouDistrictKeyId: string;
let unscopedKeyId: string;

const as = (token: string) => ({
  get: (url: string) => request(svc().app).get(url).set('Authorization', `Bearer ${token}`),
  post: (url: string) => request(svc().app).post(url).set('Authorization', `Bearer ${token}`),
  delete: (url: string) => request(svc().app).delete(url).set('Authorization', `Bearer ${token}`),
});

beforeAll(async () => {
  const admin = svc().as('admin');
  const created = await admin.post('/v1/api-keys').send({ name: 'Suzhou admin', role: 'admin', jurisdictions: ['320500'] });
  expect(created.status).toBe(201);
  suzhouAdmin = created.body.token;
  suzhouAdminId = created.body.id;
  guangzhouKeyId = (await admin.post('/v1/api-keys').send({ name: 'Guangzhou portal', role: 'applicant', jurisdictions: ['440100'] })).body.id;
  suzhouDistrictKeyId = (await admin.post('/v1/api-keys').send({ name: 'SIP portal', role: 'applicant', jurisdictions: ['320571'] })).body.id;
  unscopedKeyId = (await admin.post('/v1/api-keys').send({ name: 'national auditor', role: 'auditor', jurisdictions: ['*'] })).body.id;
});

describe('POST /v1/api-keys', () => {
  it.each([
    [['*'], 'an unscoped key'],
    [['440100'], 'another city'],
    [['CN'], 'the nation above it'],
    [['320000'], 'the province above it'],
    [['320500', '440100'], 'its own city and another'],
  ])('a Suzhou admin may not issue a key for %j (%s): 403 naming the field, nothing stored', async (jurisdictions) => {
    const before = (await svc().runtime.context.keys.list()).length;
    for (const role of ['admin', 'applicant'] as const) {
      const res = await as(suzhouAdmin).post('/v1/api-keys').send({ name: 'escalation', role, jurisdictions });
      expect(res.status).toBe(403);
      expect(res.body.errors[0].pointer).toMatch(/^\/jurisdictions\/\d$/);
    }
    expect((await svc().runtime.context.keys.list()).length).toBe(before);
  });

  it('a Suzhou admin may issue keys of any role within Suzhou', async () => {
    for (const [role, jurisdictions] of [['applicant', ['320500']], ['auditor', ['320571']], ['admin', ['320571', '320506']]] as const) {
      const res = await as(suzhouAdmin).post('/v1/api-keys').send({ name: `Suzhou ${role}`, role, jurisdictions });
      expect(res.status).toBe(201);
      expect(res.body.jurisdictions).toEqual(jurisdictions);
    }
  });

  it('an unscoped admin may issue keys anywhere, unscoped ones too', async () => {
    for (const jurisdictions of [['*'], ['440100'], ['CN']]) {
      expect((await svc().as('admin').post('/v1/api-keys').send({ name: 'any', role: 'admin', jurisdictions })).status).toBe(201);
    }
  });
});

describe('GET /v1/api-keys', () => {
  it('a Suzhou admin lists only keys lying within Suzhou', async () => {
    const res = await as(suzhouAdmin).get('/v1/api-keys');
    expect(res.status).toBe(200);
    const ids = (res.body.keys as { id: string; jurisdictions: string[] }[]).map((k) => k.id);
    expect(ids).toContain(suzhouAdminId);
    expect(ids).toContain(suzhouDistrictKeyId);
    expect(ids).not.toContain(guangzhouKeyId);
    expect(ids).not.toContain(unscopedKeyId);
    for (const k of res.body.keys as { jurisdictions: string[] }[]) {
      for (const j of k.jurisdictions) expect(['320500', '320571', '320506']).toContain(j);
    }
  });

  it('an unscoped admin lists every key', async () => {
    const ids = ((await svc().as('admin').get('/v1/api-keys')).body.keys as { id: string }[]).map((k) => k.id);
    for (const id of [suzhouAdminId, guangzhouKeyId, suzhouDistrictKeyId, unscopedKeyId]) expect(ids).toContain(id);
  });
});

describe('DELETE /v1/api-keys/{id}', () => {
  it('a Suzhou admin cannot revoke keys of another city or unscoped ones (404), and they keep working', async () => {
    for (const id of [guangzhouKeyId, unscopedKeyId]) {
      const res = await as(suzhouAdmin).delete(`/v1/api-keys/${id}`);
      expect(res.status).toBe(404);
      expect((await svc().runtime.context.keys.find(id))!.revokedAt).toBeNull();
    }
    // the test service's own unscoped admin key is out of reach too
    const list = await svc().as('admin').get('/v1/api-keys');
    const testAdmin = (list.body.keys as { id: string; name: string }[]).find((k) => k.name === 'test admin')!;
    expect((await as(suzhouAdmin).delete(`/v1/api-keys/${testAdmin.id}`)).status).toBe(404);
    expect((await svc().as('admin').get('/v1/api-keys')).status).toBe(200);
  });

  it('a Suzhou admin revokes a key within Suzhou', async () => {
    const res = await as(suzhouAdmin).delete(`/v1/api-keys/${suzhouDistrictKeyId}`);
    expect(res.status).toBe(200);
    expect(res.body.revokedAt).not.toBeNull();
  });

  it('an unscoped admin revokes any key', async () => {
    const res = await svc().as('admin').delete(`/v1/api-keys/${guangzhouKeyId}`);
    expect(res.status).toBe(200);
    expect(res.body.revokedAt).not.toBeNull();
  });
});
