// The named cases of tests/cases/ (one file per calculator; tests/cases/README.md)
// and how a response is held against one: the same matching in the Node tests
// (tests/js/cases.mjs) and in the visitor's browser (self-check.html). No DOM
// and no Node here.

/**
 * The cases of every file, in the order of the files' names (as tests/cases.rs
 * reads them): `files` maps a file's name without `.json` (the calculator,
 * unless a case names another) to its list.
 * → [{calculator, name, article, input, expect, …}].
 */
export function namedCases(files) {
  const order = Object.keys(files).sort((a, b) => (`${a}.json` < `${b}.json` ? -1 : 1));
  return order.flatMap((file) => files[file].map((c) => ({ calculator: c.calculator ?? file, ...c })));
}

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

/**
 * Runs one case through an engine's `evaluate(calculator, input, options)`:
 * a case's own `asOf` is the request's unless its input names one; `options`
 * go to the engine as they are. → {got, problems} ([] when it holds).
 */
export function runCase(evaluate, c) {
  const input = c.asOf && c.input && typeof c.input === 'object' && !Array.isArray(c.input) && !('asOf' in c.input)
    ? { ...c.input, asOf: c.asOf } : c.input;
  const got = c.options === undefined ? evaluate(c.calculator, input) : evaluate(c.calculator, input, c.options);
  return { got, problems: mismatches(c.expect, got) };
}
