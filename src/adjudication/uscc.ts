/** 统一社会信用代码 per GB 32100-2015: 18 characters, the last a check character over the first 17. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]!);
    if (v < 0) throw new Error(`invalid character ${first17[i]} in a unified social credit code`);
    sum += v * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

export function isValidUscc(code: string): boolean {
  return SHAPE.test(code) && checkCharacter(code.slice(0, 17)) === code[17];
}

/** Completes 17 characters with their check character (tests and examples use it). */
export function withCheckCharacter(first17: string): string {
  return first17 + checkCharacter(first17);
}

/**
 * Whether a code's registration-authority division (characters 3–8) contradicts the
 * jurisdiction a beneficiary declares: another province, or another city where both name one.
 * A national registration (10xxxx) and a nation-wide declaration contradict nothing; a firm
 * that moved keeps its code, so a contradiction is a mark to check, not proof.
 */
export function divisionContradicts(code: string, jurisdiction: string): boolean {
  if (jurisdiction === 'CN' || !/^[0-9]{6}$/.test(jurisdiction)) return false;
  const division = code.slice(2, 8);
  if (!/^[0-9]{6}$/.test(division) || division.startsWith('10')) return false;
  if (division.slice(0, 2) !== jurisdiction.slice(0, 2)) return true;
  const city = (c: string) => (c.slice(2, 4) === '00' ? undefined : c.slice(0, 4));
  const a = city(division);
  const b = city(jurisdiction);
  return a !== undefined && b !== undefined && a !== b;
}
