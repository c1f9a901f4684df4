import { moneyProblems } from '../../src/store/ledger-audit';
import type { Models } from '../../src/store/models';

/** The money invariants (src/store/ledger-audit.ts) hold: no problem found. */
export async function expectMoneyInvariants(models: Models): Promise<void> {
  expect(await moneyProblems(models)).toEqual([]);
}
