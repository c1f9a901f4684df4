/**
 * What adjudication needs from the cap and budget ledgers. The store implements it with
 * atomic reservations; eligibility checks estimate without reserving; a re-run of a stored
 * decision answers with what the decision recorded.
 */
export interface LedgerTake {
  ledger: string;
  measure: 'amount' | 'grants';
  /** Fen for amount ledgers, a count for grant ledgers. */
  limit: number;
  /** Fen wanted (amount), or 1 (grants). */
  request: number;
  /** The decision taking the room; taking twice for one holder returns the first result. */
  holder: string;
}

export interface LedgerTakeResult {
  usedBefore: number;
  granted: number;
  /** The holder had taken this before (a retry, a recovery, or a distinct grant already held). */
  reused: boolean;
}

/** Who holds room in a ledger: a decision id, or an imported prior award with its source. */
export interface LedgerHolder {
  holder: string;
  /** Fen (amount ledgers) or grants held. */
  units: number;
  /** An imported prior award: where it comes from (source and row), and its reference. */
  imported?: { source: string; row: string; ref: string };
}

export interface CapLedgers {
  take(t: LedgerTake): Promise<LedgerTakeResult>;
  /**
   * Who holds what a ledger has taken (what was given back excluded): read for ledgers kept per
   * beneficiary or per claim when a cap cuts, so the explanation names what was used before.
   */
  holders?(ledger: string): Promise<LedgerHolder[]>;
  /** Returns what a holder took (fen, or 1 grant) that a later cap did not let it keep. */
  giveBack(ledger: string, holder: string, units: number): Promise<void>;
}

/** Room left after `usedBefore`, and how much of `request` fits. */
export function fit(t: Pick<LedgerTake, 'measure' | 'limit' | 'request'>, usedBefore: number): number {
  if (t.measure === 'grants') return usedBefore + 1 <= t.limit ? 1 : 0;
  return Math.max(0, Math.min(t.request, t.limit - usedBefore));
}

/**
 * A take or give-back that could not finish in time because its ledger is busy (other
 * processes kept appending first). Nothing was reserved by the attempt: retry later.
 */
export class LedgerBusyError extends Error {
  readonly retryAfterSeconds: number;
  constructor(readonly ledger: string, retryAfterSeconds = 1) {
    super(`ledger ${ledger} is busy; nothing was reserved, retry in ${retryAfterSeconds} s`);
    this.name = 'LedgerBusyError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
