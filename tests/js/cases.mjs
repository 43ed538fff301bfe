// The named cases of tests/cases/ (one file per calculator), as the Rust tests
// read them: [{calculator, name, article, input, expect}]. The matching is
// www/cases.js, which the self-check page runs in the browser too.
import { readdirSync, readFileSync } from 'node:fs';
import { namedCases } from '../../www/cases.js';

export { mismatches, runCase } from '../../www/cases.js';

const dir = new URL('../cases/', import.meta.url);

/** The files of tests/cases/ by name without `.json`, as scripts/build-wasm writes them to www/pkg/cases.json. */
export const caseFiles = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .map((file) => [file.slice(0, -5), JSON.parse(readFileSync(new URL(file, dir), 'utf8'))]));

export const cases = namedCases(caseFiles);

/** The worked example of the maintenance measure: the first case of its file. */
export const workedExample = cases.find((c) => c.calculator === 'forest-maintenance');
