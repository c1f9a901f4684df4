import request from 'supertest';
import { suzhouSubsidyApplication } from '../support/fixtures';
import { useTestService } from '../support/service';

const svc = useTestService();

describe('/metrics', () => {
  it('exposes requests, decisions, engine and database time, and the rule versions loaded', async () => {
    const submitted = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication());
    expect(submitted.status).toBe(201);
    expect((await svc().as('auditor').get('/v1/decisions/dec_0000000000000000')).status).toBe(404);
    const res = await svc().as('admin').get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.text;
    expect(text).toMatch(/subsidy_http_requests_total\{method="POST",route="\/v1\/applications",status="201"\} 1/);
    // the route pattern, never the id asked for
    expect(text).toMatch(/subsidy_http_requests_total\{method="GET",route="\/v1\/decisions\/:id",status="404"\} 1/);
    expect(text).toMatch(/subsidy_http_request_duration_seconds_bucket\{le="[^"]+",method="POST",route="\/v1\/applications",status="201"\}/);
    expect(text).toMatch(/subsidy_decisions_total\{program="320500\/loan-interest-subsidy",outcome="approved"\} 1/);
    expect(text).toMatch(/subsidy_engine_seconds_count\{program="320500\/loan-interest-subsidy"\} [1-9]/);
    expect(text).toMatch(/subsidy_database_command_seconds_count\{command="insert",result="ok"\} [1-9]/);
    const pack = svc().runtime.context.catalog.get('440100/credit-risk-compensation')!.versions[0]!;
    expect(text).toContain(`subsidy_rule_version_info{program="440100/credit-risk-compensation",version="${pack.version.version}",status="published",contentHash="${pack.contentHash}"} 1`);
    expect(text).toMatch(/subsidy_process_cpu_seconds_total/);
  });

  it('answers an administrator key or the METRICS_TOKEN only', async () => {
    expect((await request(svc().app).get('/metrics')).status).toBe(401);
    expect((await svc().as('auditor').get('/metrics')).status).toBe(403);
    svc().runtime.context.metricsToken = 'scrape-secret-0123456789';
    const { buildApp } = await import('../../src/app');
    const app = buildApp(svc().runtime.context);
    expect((await request(app).get('/metrics').set('Authorization', 'Bearer scrape-secret-0123456789')).status).toBe(200);
    expect((await request(app).get('/metrics').set('Authorization', 'Bearer scrape-secret-9876543210')).status).toBe(401);
  });
});
