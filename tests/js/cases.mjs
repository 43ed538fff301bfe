// The named cases of tests/cases/ (one file per calculator), as the Rust tests
// read them: [{calculator, name, article, input, expect}].
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../cases/', import.meta.url);

export const cases = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().flatMap((file) =>
  JSON.parse(readFileSync(new URL(file, dir), 'utf8')).map((c) => ({ calculator: c.calculator ?? file.slice(0, -5), ...c })));

/** The worked example of the maintenance measure: the first case of its file. */
export const workedExample = cases.find((c) => c.calculator === 'forest-maintenance');

/** `expected` holds only what it names: objects by key, arrays element by element. */
export function mismatches(expected, got, path = '') {
  if (expected !== null && typeof expected === 'object') {
    if (Array.isArray(expected)) {
      if (!Array.isArray(got) || got.length !== expected.length) return [`${path}: ${expected.length} elements expected, got ${JSON.stringify(got)?.slice(0, 80)}`];
      return expected.flatMap((e, i) => mismatches(e, got[i], `${path}[${i}]`));
    }
    if (got === null || typeof got !== 'object') return [`${path}: expected an object, got ${JSON.stringify(got)}`];
    return Object.entries(expected).flatMap(([k, v]) => (k in got ? mismatches(v, got[k], `${path}.${k}`) : [`${path}.${k}: missing`]));
  }
  return expected === got ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`];
}
