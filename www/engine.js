// The engine as every page uses it (docs/rulebook.md §5): `evaluate` and
// `catalog` that never throw. Bad input is the engine's own business (it
// answers `ok: false`); should a WebAssembly module ever trap — a bug, not an
// input — the call is answered with an `internal` error and the instance is
// replaced by a fresh one from the same compiled module, at once: the next
// call works. The user's entries live in the form and the URL, never in the engine.
//
// The engine comes as one module per group of calculators (scripts/build-wasm),
// so that a page fetches only the rules it shows: `ensure(id)` loads the group
// of calculator `id` (once); `evaluate` and `catalog` answer for the groups loaded.

/**
 * Whether `text`, the engine's answers (a JSON list) to a list of `count`
 * requests, holds one answer for each. A list it cannot read as one (over its
 * size limit, or holding a value JSON cannot write) it answers with one short
 * error: so a long text is the answers, and only a short one is read to count.
 */
export function answersEach(text, count) {
  return count === 1 || text.length > 4096 || JSON.parse(text).length === count;
}

/** Which module holds which calculator. */
export const GROUPS = {
  'forest-construction': 'forest',
  'forest-maintenance': 'forest',
  'property-star': 'star',
  'five-strong': 'five',
  'five-strong-ranking': 'five',
};
const ORDER = Object.keys(GROUPS);

/** A group's glue as the engine loads it: wasm-bindgen's, without its own loader (scripts/bundle.mjs). */
const glueUrl = (group) => new URL(`./pkg/${group}/glue.js`, import.meta.url).href;
export const wasmUrl = (group) => new URL(`./pkg/${group}/policy_calc_bg.wasm`, import.meta.url);

/**
 * The answer to a call the engine could not make (a trap, or in www/pool.js a
 * worker that died): frozen, so every caller answers with a copy (structuredClone).
 */
export const INTERNAL = Object.freeze({
  ok: false,
  error: Object.freeze({
    code: 'internal', field: null, label: null, params: Object.freeze({}),
    messageZh: '计算引擎出错，已自动重启；请再试一次。所填内容仍保留在表单中。',
    messageEn: 'The engine failed and has been restarted; please try again. Your entries are kept in the form.',
  }),
});
const NOT_LOADED = (id) => ({
  ok: false,
  error: {
    code: 'internal', field: null, label: null, params: { calculator: id },
    messageZh: '此计算器的计算引擎尚未加载，请稍候再试。',
    messageEn: 'This calculator\'s engine has not loaded yet; please try again in a moment.',
  },
});

/**
 * What a page says when its Content-Security-Policy forbids compiling
 * WebAssembly (script-src without 'wasm-unsafe-eval'): the engine cannot start
 * there, whatever the network does. The error `ensure` rejects with then has
 * this `code` and these texts, for the hosts to show.
 */
export const WASM_BLOCKED = Object.freeze({
  code: 'wasmBlockedByCsp',
  directive: "script-src 'wasm-unsafe-eval'",
  messageZh: '本页面的内容安全策略（Content-Security-Policy）不允许运行 WebAssembly，计算器无法启动。请网站管理员在 script-src 中加入 \'wasm-unsafe-eval\'。',
  messageEn: 'This page\'s Content-Security-Policy does not allow WebAssembly, so the calculator cannot start. The site\'s administrator needs to add \'wasm-unsafe-eval\' to script-src.',
});

/** Whether a failed compile was the page's CSP: the violation event it raised, or the words of the error. */
let wasmViolation = false;
if (typeof document !== 'undefined') {
  document.addEventListener('securitypolicyviolation', (e) => {
    if (e.blockedURI === 'wasm-eval' || /wasm/i.test(e.blockedURI ?? '')) wasmViolation = true;
  });
}
const blockedByCsp = (e) => e instanceof WebAssembly.CompileError
  && (wasmViolation || /Content[- ]Security|CSP|unsafe-eval/i.test(String(e.message)));

function cspError(cause) {
  const error = new Error(WASM_BLOCKED.messageEn, { cause });
  return Object.assign(error, { name: 'EngineLoadError', ...WASM_BLOCKED });
}

/**
 * One group's module: compiled once, and instantiated through the glue
 * (pkg/<group>/glue.js, written by scripts/bundle.mjs as a factory: each
 * `createGlue()` runs the glue's code anew, with state of its own). The compiled
 * module and the factory are kept, so a replacement after a trap is made at
 * once, with nothing fetched: the next call works.
 */
async function loadGroup(group, bytes) {
  try {
    return await compileAndStart(group, bytes);
  } catch (e) {
    throw blockedByCsp(e) ? cspError(e) : e;
  }
}

async function compileAndStart(group, bytes) {
  // The module compiles (streaming, as it arrives) while the glue loads.
  const [module, { createGlue }] = await Promise.all([
    bytes
      ? WebAssembly.compile(bytes)
      : (WebAssembly.compileStreaming
        ? WebAssembly.compileStreaming(fetch(wasmUrl(group)))
        : fetch(wasmUrl(group)).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b))),
    import(glueUrl(group)),
  ]);
  const start = () => {
    const glue = createGlue();
    glue.initSync({ module });
    return glue;
  };
  return { group, start, current: start() };
}

/** Replaces a trapped instance with a fresh one of the same compiled module. */
function replace(g) {
  try {
    g.current = g.start();
  } catch (e) {
    // (Instantiating a module that compiled does not fail; should it, the next call tries again.)
    console.error('policy-calc engine restart:', e);
    g.current = null;
  }
}

/**
 * The engine: `ensure(id)` loads what calculator `id` needs; evaluate and catalog never throw.
 * `load(group)`: the module's bytes (Node, tests); in a browser the module is fetched, streaming.
 */
export async function createEngine({ load, fast = false } = {}) {
  const groups = new Map(); // group → Promise<loaded group>
  const ready = new Map(); // group → loaded group
  // `fast`: every calculator from the one module built for speed (pkg/fast/), for programs with many requests.
  const groupOf = (id) => (fast && GROUPS[id] ? 'fast' : GROUPS[id]);
  const allGroups = fast ? ['fast'] : [...new Set(Object.values(GROUPS))];

  function ensure(id) {
    const group = groupOf(id) ?? id;
    if (!allGroups.includes(group)) return Promise.resolve();
    let p = groups.get(group);
    if (!p) {
      p = Promise.resolve(load ? load(group) : undefined).then((bytes) => loadGroup(group, bytes));
      groups.set(group, p);
      p.then((g) => ready.set(group, g), () => groups.delete(group));
    }
    return p.then(() => undefined);
  }

  function guarded(group, call) {
    const g = ready.get(group);
    if (g && !g.current) replace(g);
    if (!g?.current) return structuredClone(INTERNAL);
    try {
      return call(g.current);
    } catch (e) {
      console.error('policy-calc engine trap:', e);
      replace(g);
      return structuredClone(INTERNAL);
    }
  }

  /** The loaded module that answers for `calculator` (an unknown id: any loaded one, which answers `unknownCalculator` with the list), or null. */
  function askerOf(calculator) {
    const asker = groupOf(calculator) ?? ready.keys().next().value;
    return asker && ready.has(asker) ? asker : null;
  }

  /** evaluate(calculatorId, input, {detail, fields}?) → {ok, result} | {ok: false, error}; never throws. */
  function evaluate(calculator, input, options) {
    const asker = askerOf(calculator);
    if (!asker) return NOT_LOADED(calculator);
    return guarded(asker, (g) => g.evaluate(calculator, input, options));
  }

  /**
   * evaluateMany(calculatorId, inputs, {detail, fields}?) → one response per input, in order; never throws.
   * The whole list crosses into the engine and back once (for batch callers).
   */
  function evaluateMany(calculator, inputs, options) {
    const asker = askerOf(calculator);
    const each = (answer) => (Array.isArray(inputs) ? inputs.map(() => structuredClone(answer)) : [answer]);
    if (!asker) return each(NOT_LOADED(calculator));
    const answers = guarded(asker, (g) => g.evaluateMany(calculator, inputs, options));
    if (!Array.isArray(answers)) return each(answers);
    // A list the engine could not read as one (over its size limit, or holding a value JSON cannot
    // write): each request is answered on its own, so every one still gets its own answer.
    if (Array.isArray(inputs) && answers.length !== inputs.length) return inputs.map((i) => evaluate(calculator, i, options));
    return answers;
  }

  /**
   * evaluateManyText(calculatorId, inputs, {detail, fields}?) → the same answers as evaluateMany, as one
   * JSON text (a list), written by the engine and never made into objects here: for callers that pass
   * them on as text (www/pool.js). Never throws.
   */
  function evaluateManyText(calculator, inputs, options) {
    const asker = askerOf(calculator);
    if (!asker) return JSON.stringify(evaluateMany(calculator, inputs, options));
    const text = guarded(asker, (g) => g.evaluateManyText(calculator, inputs, options));
    // A trap: the internal answer for each request, as evaluateMany gives it.
    if (typeof text !== 'string') return JSON.stringify(Array.isArray(inputs) ? inputs.map(() => text) : [text]);
    // A list the engine could not read as one: each request on its own, as evaluateMany answers it.
    return !Array.isArray(inputs) || answersEach(text, inputs.length) ? text : JSON.stringify(evaluateMany(calculator, inputs, options));
  }

  return {
    /** Loads the module of calculator (or group) `id`, once; resolves when it can answer. */
    ensure,
    /** Loads every module: for a portal that builds its own forms from the whole catalog. */
    ensureAll: () => Promise.all(allGroups.map(ensure)).then(() => undefined),
    evaluate,
    evaluateMany,
    evaluateManyText,
    /** catalog() → the calculators of the modules loaded, in the page's order; never throws. */
    catalog() {
      const all = [];
      for (const group of ready.keys()) {
        const c = guarded(group, (g) => g.catalog());
        if (Array.isArray(c)) all.push(...c);
      }
      return all.sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
    },
    /** Resolves once every loaded module can answer (a replacement after a trap is made at once: kept for callers that wait). */
    whenReady: () => Promise.resolve(),
    /** Test hook: traps the module of `id` as a bug would, through the same guard. */
    trapForTests: (id = 'forest-maintenance') => guarded(groupOf(id), (g) => g.__trapForTests()),
  };
}
