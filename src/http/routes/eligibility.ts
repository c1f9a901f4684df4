import { Router } from 'express';
import { allows, SEES_LEDGER_USAGE } from '../../access/roles';
import type { ApiKeyRecord } from '../../access/api-keys';
import type { EligibilityRequest } from '../../service/eligibility';
import { invalid } from '../../service/errors';
import type { LedgerUsage } from '../../service/published-ledgers';
import { filingId } from '../../service/submissions';
import { requireScope } from '../access-scope';
import { authorize, callerOf, forbidden } from '../auth';
import type { AppContext } from '../context';
import { allowQuery, validateBody } from '../validation';

export function eligibilityRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/v1/eligibility-checks', authorize('checkEligibility'), allowQuery('explain', 'whatWouldChange'), validateBody(ctx.registry, 'eligibility-check.schema.json'), async (req, res) => {
    const body = req.body as EligibilityRequest;
    requireScope(res, ctx.catalog, body.beneficiary.jurisdiction, '/beneficiary/jurisdiction');
    if (body.includeDrafts && !allows(callerOf(res).role, 'simulateDrafts')) throw forbidden('only policy staff simulate drafts', '/includeDrafts');
    const explain = req.query.explain ?? 'full';
    if (explain !== 'full' && explain !== 'summary') throw invalid('explain is summary or full', [{ pointer: '/query/explain', detail: 'must be "summary" or "full"' }]);
    const whatWouldChange = req.query.whatWouldChange ?? 'false';
    if (whatWouldChange !== 'true' && whatWouldChange !== 'false') throw invalid('whatWouldChange is true or false', [{ pointer: '/query/whatWouldChange', detail: 'must be "true" or "false"' }]);
    res.json(await ctx.eligibility.check(body, await ledgerUsageFor(ctx, callerOf(res), body.beneficiary.uscc), explain, { whatWouldChange: whatWouldChange === 'true' }));
  });
  return router;
}

/**
 * What the caller sees of the ledgers: policy staff and administrators everything; an applicant
 * system the caps of a firm it has filed for, and of everything else what the policy publishes.
 */
async function ledgerUsageFor(ctx: AppContext, caller: ApiKeyRecord, uscc: string): Promise<LedgerUsage> {
  if (SEES_LEDGER_USAGE.includes(caller.role)) return 'shown';
  // the first application the caller filed for the firm, read by _id, not a query over the decisions
  return (await ctx.repositories.applications.exists(filingId(caller.id, uscc))) ? 'beneficiary' : 'published';
}
