import request from 'supertest';
import { loadDivisions } from '../../src/rules/divisions';
import { expectDocumented } from '../support/openapi-responses';
import { uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

/** China's real divisions: every county of the four provinces with programs resolves to CN. */
const svc = useTestService();
const documented = (method: string, path: string, res: request.Response) =>
  expectDocumented(svc().runtime.context.registry, svc().runtime.context.openapi, method, path, res);

const PROVINCES = ['320000', '440000', '340000', '410000'];
const counties = loadDivisions().filter((j) => j.level === 'county' && PROVINCES.includes(`${j.code.slice(0, 2)}0000`));

describe('GET /v1/jurisdictions/{code}', () => {
  it('holds the counties of Jiangsu, Guangdong, Anhui and Henan from the divisions package, development zones included', () => {
    expect(counties.length).toBeGreaterThan(400);
    for (const code of ['440106', '340104', '410305', '320571', '440112', '320583']) expect(counties.map((c) => c.code)).toContain(code);
  });

  it('resolves every county of the four provinces to a chain ending at CN, with the programs in force there', async () => {
    for (const county of counties) {
      const res = await svc().as('applicant').get(`/v1/jurisdictions/${county.code}`);
      expect(res.status).toBe(200);
      const chain = res.body.chain.map((j: { code: string }) => j.code);
      expect(chain[0]).toBe('CN');
      expect(chain[1]).toBe(`${county.code.slice(0, 2)}0000`);
      expect(chain.at(-1)).toBe(county.code);
      const programs = res.body.programs.map((p: { key: string }) => p.key);
      expect(programs).toContain('CN/tech-sme-evaluation');
      if (county.code.startsWith('4101')) expect(programs).toContain('410000/tech-loan-risk-compensation');
      if (county.code.startsWith('4401')) expect(programs).toContain('440100/vc-investment-reward');
      if (county.code.startsWith('3401')) expect(programs).toContain('340100/listing-incentive');
    }
    documented('GET', '/v1/jurisdictions/{code}', await svc().as('applicant').get('/v1/jurisdictions/440106'));
  });

  it('accepts a firm of every such county for the city and provincial programs that apply there', () => {
    const { catalog, submissions } = svc().runtime.context;
    let checked = 0;
    for (const county of counties) {
      for (const program of catalog.forJurisdiction(county.code).filter((p) => p.pack.status !== 'draft' && p.pack.topUpOf === undefined)) {
        expect(() => submissions.checkProgram({ program: program.key, beneficiary: { jurisdiction: county.code } })).not.toThrow();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(counties.length); // the national program everywhere, and the city and provincial ones
  });

  it('answers the chain of Tianhe (440106) with names', async () => {
    const res = await svc().as('auditor').get('/v1/jurisdictions/440106');
    expect(res.body.chain).toEqual([
      { code: 'CN', name: '中华人民共和国', nameEn: 'national', level: 'nation' },
      { code: '440000', name: '广东省', nameEn: 'Guangdong', level: 'province' },
      { code: '440100', name: '广州市', nameEn: 'Guangzhou', level: 'city' },
      { code: '440106', name: '天河区', level: 'county' },
    ]);
  });

  it('refuses a malformed or unknown code with a 422 naming the field and the value', async () => {
    for (const code of ['449999', '44010x']) {
      const res = await svc().as('applicant').get(`/v1/jurisdictions/${code}`);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ pointer: '/path/code', detail: expect.stringContaining(code) }]);
      documented('GET', '/v1/jurisdictions/{code}', res);
    }
    const programs = await svc().as('applicant').get('/v1/programs?jurisdiction=449999');
    expect(programs.status).toBe(422);
    expect(programs.body.errors).toEqual([{ pointer: '/query/jurisdiction', detail: expect.stringContaining('449999') }]);
  });
});

describe('GET /v1/jurisdictions?q=', () => {
  it('finds divisions by Chinese name or code prefix, each with its chain', async () => {
    const res = await svc().as('applicant').get(`/v1/jurisdictions?q=${encodeURIComponent('天河')}`);
    expect(res.status).toBe(200);
    documented('GET', '/v1/jurisdictions', res);
    expect(res.body.jurisdictions).toEqual([{ code: '440106', name: '天河区', level: 'county', chain: ['CN', '440000', '440100', '440106'] }]);
    const prefix = await svc().as('applicant').get('/v1/jurisdictions?q=3205');
    expect(prefix.body.jurisdictions.map((j: { code: string }) => j.code)).toEqual(expect.arrayContaining(['320500', '320571', '320583']));
  });
});

describe('programs in force in a county', () => {
  it('lists the city, provincial and national programs for a district no pack names', async () => {
    const res = await svc().as('applicant').get('/v1/programs?jurisdiction=410305');
    expect(res.status).toBe(200);
    expect(res.body.programs.map((p: { key: string }) => p.key)).toEqual(['CN/tech-sme-evaluation', '410000/tech-loan-risk-compensation', '410300/bank-tech-loan-incentive']);
  });

  it('decides applications from Tianhe, Shushan and Jianxi (no more "unknown jurisdiction")', async () => {
    const tianhe = await svc().as('applicant').post('/v1/applications').send({
      program: '440100/vc-investment-reward',
      beneficiary: { uscc: uscc(11, '440106'), name: '广州天河创投管理有限公司', jurisdiction: '440106' },
      facts: { investmentId: 'TH-1', investmentDate: '2024-05-01', investeeJurisdiction: '440112' },
    });
    expect(tianhe.status).toBe(201);
    expect(tianhe.body.decision.outcome).toBe('needs-information');
    const hefei = await svc().as('applicant').post('/v1/applications').send({
      program: '340100/listing-incentive',
      beneficiary: { uscc: uscc(12, '340104'), name: '合肥蜀山科技股份有限公司', jurisdiction: '340104' },
      facts: { listingStage: 'tutoring-filing' },
    });
    expect(hefei.status).toBe(201);
    expect(hefei.body.decision).toMatchObject({ outcome: 'approved', amount: '1000000.00' });
    const luoyang = await svc().as('applicant').post('/v1/eligibility-checks').send({
      beneficiary: { uscc: uscc(13, '410305'), name: '洛阳涧西科技银行', jurisdiction: '410305' },
      facts: {},
    });
    expect(luoyang.status).toBe(200);
    expect(luoyang.body.results.map((r: { program: string }) => r.program)).toEqual(expect.arrayContaining(['410000/tech-loan-risk-compensation']));
  });

  it('refuses a place fact that is no division, naming the field and the value', async () => {
    const res = await svc().as('applicant').post('/v1/applications').send({
      program: '440100/vc-investment-reward',
      beneficiary: { uscc: uscc(14, '440106'), name: '广州天河创投管理有限公司', jurisdiction: '440106' },
      facts: { investeeJurisdiction: '449999' },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ pointer: '/facts/investeeJurisdiction', detail: expect.stringContaining('449999') }]);
  });
});
