import { escapePointer } from '../validation/schema-registry';

export interface Difference {
  /** JSON pointer (RFC 6901) into the explanation. */
  pointer: string;
  /** The value stored with the decision there (absent: null with `storedMissing`). */
  stored: unknown;
  replayed: unknown;
  /** One side has no value at the pointer at all. */
  missing?: 'stored' | 'replayed';
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The first place two JSON values differ, walking depth first with object keys in sorted
 * order (the order canonical JSON writes them, so "first" is the first byte that differs in
 * the canonical forms' structure). null when they are equal as canonical JSON.
 */
export function firstDifference(stored: unknown, replayed: unknown, pointer = ''): Difference | null {
  if (Array.isArray(stored) && Array.isArray(replayed)) {
    for (let i = 0; i < Math.max(stored.length, replayed.length); i++) {
      if (i >= stored.length) return { pointer: `${pointer}/${i}`, stored: null, replayed: replayed[i], missing: 'stored' };
      if (i >= replayed.length) return { pointer: `${pointer}/${i}`, stored: stored[i], replayed: null, missing: 'replayed' };
      const d = firstDifference(stored[i], replayed[i], `${pointer}/${i}`);
      if (d) return d;
    }
    return null;
  }
  if (isObject(stored) && isObject(replayed)) {
    // undefined members are not written by canonical JSON: treat them as absent
    const keys = [...new Set([...Object.keys(stored), ...Object.keys(replayed)])].filter((k) => stored[k] !== undefined || replayed[k] !== undefined).sort();
    for (const k of keys) {
      const p = `${pointer}/${escapePointer(k)}`;
      if (stored[k] === undefined) return { pointer: p, stored: null, replayed: replayed[k], missing: 'stored' };
      if (replayed[k] === undefined) return { pointer: p, stored: stored[k], replayed: null, missing: 'replayed' };
      const d = firstDifference(stored[k], replayed[k], p);
      if (d) return d;
    }
    return null;
  }
  return Object.is(stored, replayed) || JSON.stringify(stored) === JSON.stringify(replayed) ? null : { pointer, stored, replayed };
}
