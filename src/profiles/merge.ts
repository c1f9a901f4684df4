import type { InputProvenance } from '../adjudication/provenance';
import { unprocessable } from '../service/errors';
import { verifiedOrigins, type ProfileView } from './profile-view';

/** Reads a profile as of a date: what an application referring to it needs. */
export interface ProfileReader {
  asOf(uscc: string, date: string): Promise<ProfileView | undefined>;
}

/**
 * The facts of an application that refers to its profile: the profile's facts as of `asOf`
 * (default: the application date), verified with their origin, overlaid by the facts the
 * application states itself (self-declared, also where they restate a profile fact).
 */
export async function factsWithProfile(
  profiles: ProfileReader | undefined,
  { uscc, jurisdiction }: { uscc: string; jurisdiction: string },
  stated: Record<string, unknown>,
  asOf: string | undefined,
  applicationDate: string,
): Promise<{ facts: Record<string, unknown>; provenance: InputProvenance }> {
  if (!profiles) throw unprocessable('enterprise profiles are not available here', [{ pointer: '/profile', detail: 'state the facts instead' }]);
  const date = asOf ?? applicationDate;
  if (date > applicationDate) throw unprocessable('a profile is read as of the application date or earlier', [{ pointer: '/profile/asOf', detail: `may not lie after the application date ${applicationDate}` }]);
  const view = await profiles.asOf(uscc, date);
  if (!view) throw unprocessable(`no profile of ${uscc} is valid on or before ${date}`, [{ pointer: '/profile', detail: `no profile of the beneficiary is valid on or before ${date}` }]);
  // the profile is read for the stated beneficiary only: an applicant cannot borrow facts of an enterprise registered elsewhere
  if (view.beneficiary.jurisdiction !== jurisdiction) throw unprocessable(`the profile registers ${uscc} in ${view.beneficiary.jurisdiction}`, [{ pointer: '/beneficiary/jurisdiction', detail: `the enterprise's profile registers it in ${view.beneficiary.jurisdiction}` }]);
  const verified = Object.fromEntries(Object.entries(verifiedOrigins(view)).filter(([fact]) => stated[fact] === undefined));
  return { facts: { ...view.facts, ...stated }, provenance: { profile: { uscc, asOf: date }, verified } };
}
