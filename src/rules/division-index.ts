import { RULES_DIR } from '../paths';
import { loadDivisions } from './divisions';
import { Jurisdictions } from './jurisdictions';

const loaded = new Map<string, Jurisdictions>();

/** The division index of a rules folder, built once per process (the package is ~45,000 rows). */
export function divisions(dir: string = RULES_DIR): Jurisdictions {
  let index = loaded.get(dir);
  if (!index) {
    index = new Jurisdictions(loadDivisions(dir));
    loaded.set(dir, index);
  }
  return index;
}
