import type { FactDictionary } from '../rules/fact-dictionary';
import { EARLIEST_DATE, factRangeErrors } from '../validation/fact-ranges';
import { unprocessable } from './errors';

export interface DatedBody {
  applicationDate?: string;
  backfileReason?: string;
  facts: Record<string, unknown>;
}

/**
 * The application date is the day the service receives the application, in China Standard
 * Time: an applicant system cannot choose the version, budget year or cap period it lands in.
 * Policy staff and administrators may back-file an earlier date, with a reason that is stored.
 * Facts are checked against that date: amounts within range, dates not after it, years not
 * after its year (a subsidy year that has not happened opens no cap and no budget).
 */
export function applicationDateOf(body: DatedBody, today: string, mayBackfile: boolean, facts: FactDictionary): string {
  let date = today;
  if (body.backfileReason !== undefined) {
    if (!mayBackfile) throw unprocessable('only policy staff and administrators back-file', [{ pointer: '/backfileReason', detail: 'back-filing needs a policy-staff or admin key' }]);
    if (body.applicationDate === undefined) throw unprocessable('a back-filed application states its date', [{ pointer: '/applicationDate', detail: 'is required when back-filing' }]);
    date = body.applicationDate;
  } else if (body.applicationDate !== undefined && body.applicationDate !== today) {
    throw unprocessable('the application date is the day the application is received', [
      { pointer: '/applicationDate', detail: `is set by the service to the receipt date (${today}); an earlier date is back-filed by policy staff or an administrator with backfileReason` },
    ]);
  }
  if (date < EARLIEST_DATE) throw unprocessable('application date out of range', [{ pointer: '/applicationDate', detail: `is before ${EARLIEST_DATE}` }]);
  if (date > today) throw unprocessable('application date out of range', [{ pointer: '/applicationDate', detail: `is after today (${today})` }]);
  const errors = factRangeErrors(facts, body.facts, date);
  if (errors.length) throw unprocessable('facts out of range', errors);
  return date;
}
