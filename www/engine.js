// The engine as every page uses it (docs/rulebook.md §5): `evaluate` and
// `catalog` that never throw. Bad input is the engine's own business (it
// answers `ok: false`); should the WebAssembly module ever trap — a bug, not an
// input — the call is answered with an `internal` error, the instance is
// replaced by a fresh one from the same compiled module, and the next call
// works. The user's entries live in the form and the URL, never in the engine.

const GLUE = new URL('./pkg/policy_calc.js', import.meta.url).href;
const WASM = new URL('./pkg/policy_calc_bg.wasm', import.meta.url);

const INTERNAL = {
  ok: false,
  error: {
    code: 'internal', field: null, label: null, params: {},
    messageZh: '计算引擎出错，已自动重启；请再试一次。所填内容仍保留在表单中。',
    messageEn: 'The engine failed and has been restarted; please try again. Your entries are kept in the form.',
  },
};

/** A fresh copy of the glue module: each import with its own query is a module of its own. */
let copies = 0;
async function freshGlue() {
  copies += 1;
  return copies === 1 ? import(GLUE) : import(`${GLUE}?instance=${copies}`);
}

/**
 * Compiles the module once and instantiates it; returns {evaluate, catalog}.
 * `wasm`: bytes (Node, tests) or nothing (the browser fetches it, streaming).
 */
export async function createEngine({ wasm } = {}) {
  const module = wasm
    ? await WebAssembly.compile(wasm)
    : await (WebAssembly.compileStreaming
      ? WebAssembly.compileStreaming(fetch(WASM))
      : fetch(WASM).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)));
  let current = await freshGlue();
  await current.default({ module_or_path: module });
  // A spare copy of the glue, loaded ahead, so that a replacement is synchronous.
  let spare = freshGlue();
  let spareReady = await spare;

  function replace() {
    if (spareReady) {
      spareReady.initSync({ module });
      current = spareReady;
      spareReady = null;
      spare = freshGlue();
      spare.then((g) => { spareReady = g; });
    } else {
      // Not loaded yet (a trap within moments of loading): the next call waits for it.
      const pending = spare.then((g) => { g.initSync({ module }); current = g; });
      current = null;
      pending.then(() => { spare = freshGlue(); spare.then((g) => { spareReady = g; }); });
    }
  }

  function guarded(call) {
    if (!current) return structuredClone(INTERNAL);
    try {
      return call(current);
    } catch (e) {
      console.error('policy-calc engine trap:', e);
      replace();
      return structuredClone(INTERNAL);
    }
  }

  return {
    /** evaluate(calculatorId, input, {detail}?) → {ok, result} | {ok: false, error}; never throws. */
    evaluate: (calculator, input, options) => guarded((g) => g.evaluate(calculator, input, options)),
    /** catalog() → the calculators; never throws (an empty list at worst). */
    catalog: () => {
      const c = guarded((g) => g.catalog());
      return Array.isArray(c) ? c : [];
    },
    /** Resolves once a spare instance is ready again after a replacement. */
    whenReady: () => spare.then(() => undefined),
    /** Test hook: traps the module as a bug would, through the same guard. */
    trapForTests: () => guarded((g) => g.__trapForTests()),
  };
}
