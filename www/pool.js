// The engine on every core (docs/architecture.md, "The engine pool"): the same
// engine as every page (www/engine.js) in each of a few workers
// (www/pool-worker.js), for programs with many requests. One engine answers on
// one thread; a pool spreads the calls over `workers` threads, each call to
// the least busy, so that a program with many requests in flight uses the
// machine's cores. Like the engine, it never fails a call: bad input is
// answered `ok: false` by the engine, and a worker that dies has its calls
// answered with the engine's `internal` error and is replaced at once.
//
// Only strings and plain data cross to a worker: the requests go as one JSON
// string (what the engine reads anyway), the answers come back as one.

import { GROUPS, INTERNAL } from './engine.js';

const WORKER_URL = new URL('./pool-worker.js', import.meta.url);
/** A list is shared out among the workers in parts of at least this many requests. */
const SPLIT = 512;
/** A message this long (its requests' JSON, in characters) is posted at once rather than with the turn's others. */
const BIG = 4096;

/**
 * A worker as the pool uses it, the same in a browser and in Node:
 * `post(message)`, `stop()`, and `onAnswer` / `onDeath` callbacks.
 */
async function spawn(onAnswer, onDeath) {
  if (typeof Worker !== 'undefined') {
    const w = new Worker(WORKER_URL, { type: 'module' });
    w.onmessage = (e) => onAnswer(e.data);
    // A browser keeps a worker running after an uncaught error: the pool ends it all the same.
    w.onerror = (e) => { e.preventDefault?.(); onDeath(e.message ?? e); };
    w.onmessageerror = () => onDeath('messageerror');
    return { post: (m) => w.postMessage(m), stop: () => w.terminate() };
  }
  const [{ Worker: NodeWorker }, { execArgv }] = await Promise.all([import('node:worker_threads'), import('node:process')]);
  // A worker takes the process's Node options, but `--input-type` (a program given with -e) stops a worker's module.
  const options = execArgv.filter((a, i) => !a.startsWith('--input-type') && execArgv[i - 1] !== '--input-type');
  const w = new NodeWorker(WORKER_URL, { execArgv: options });
  let stopping = false;
  w.on('message', onAnswer);
  w.on('error', (e) => onDeath(e));
  w.on('messageerror', () => onDeath('messageerror'));
  w.on('exit', (code) => { if (!stopping) onDeath(`exit ${code}`); });
  return { post: (m) => w.postMessage(m), stop: () => { stopping = true; return w.terminate(); } };
}

/** How many workers by default: one per core the platform reports, at least 1. */
async function cores() {
  if (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) return navigator.hardwareConcurrency;
  try {
    const os = await import('node:os');
    return os.availableParallelism?.() ?? os.cpus().length;
  } catch {
    return 1;
  }
}

/**
 * What crosses to a worker for one call: the requests as one JSON string when
 * they can be written as one (the engine writes them so itself); otherwise
 * each request's own JSON text ('' for one JSON cannot write, which the
 * engine answers `invalidJson`), as engine.js answers such a list one by one.
 */
function callMessage(calculator, inputs, options) {
  const id = typeof calculator === 'string' ? calculator : '';
  // Only what the engine reads of the options: `detail` and the list `fields`.
  let opts;
  if (options !== null && typeof options === 'object') {
    opts = { detail: typeof options.detail === 'string' ? options.detail : undefined };
    if (Array.isArray(options.fields)) {
      try { opts.fields = JSON.parse(JSON.stringify(options.fields)); } catch { /* not a list the engine reads */ }
    }
  }
  if (typeof inputs === 'string') return { type: 'many', calculator: id, text: inputs, count: -1, options: opts };
  let text;
  try {
    text = JSON.stringify(inputs);
  } catch {
    // A list with a value JSON cannot write (a cycle, a BigInt).
  }
  if (!Array.isArray(inputs)) return { type: 'many', calculator: id, text: text ?? '', count: -1, options: opts };
  if (text !== undefined) return { type: 'many', calculator: id, text, count: inputs.length, options: opts };
  const texts = inputs.map((i) => {
    if (typeof i === 'string') return i;
    try { return JSON.stringify(i) ?? ''; } catch { return ''; }
  });
  return { type: 'each', calculator: id, texts, options: opts };
}

/**
 * The pool: `ensure(id)` loads what calculator `id` needs in every worker;
 * `evaluateMany` resolves to one response per input, in order, as
 * `createEngine().evaluateMany` gives them, and never rejects.
 * `workers`: how many (default: one per core); `fast` (default true): the
 * module built for speed (pkg/fast/); `load(group)`: the module's bytes, read
 * once here and sent to each worker (otherwise each worker fetches the module,
 * or in Node reads its file).
 */
export function createPool({ workers, fast = true, load } = {}) {
  /** Calls waiting for their answers, by number: `done(message)` when answered, `fail()` when lost. */
  const calls = new Map();
  let seq = 0;
  /** The ids ensured so far, with their group and its bytes: a replacement worker loads them before any call. */
  const ensured = new Map();
  const bytes = new Map(); // group → Promise<bytes>
  const slots = [];
  let closed = false;
  // As engine.js: which module answers for `id`, and the modules there are.
  const groupOf = (id) => (fast && GROUPS[id] ? 'fast' : (GROUPS[id] ?? id));
  const allGroups = fast ? ['fast'] : [...new Set(Object.values(GROUPS))];

  const internal = (n) => Array.from({ length: n }, () => structuredClone(INTERNAL));

  /** Ends the calls waiting on `slot`: each gets what a lost call gets. */
  function lose(slot) {
    const lost = [...slot.pending.keys()];
    slot.pending.clear();
    slot.load = 0;
    for (const s of lost) {
      const call = calls.get(s);
      calls.delete(s);
      call?.fail();
    }
  }

  /** Call `s` is no longer waiting on `slot`: its call, to answer. */
  function settle(slot, s) {
    const call = calls.get(s);
    calls.delete(s);
    slot.load -= slot.pending.get(s) ?? 0;
    slot.pending.delete(s);
    return call;
  }

  function start(slot) {
    slot.pending = new Map(); // call number → its requests: the slot's load
    slot.load = 0;
    slot.alive = false;
    const worker = spawn((replies) => {
      slot.alive = true; // (its first message says that it runs)
      for (const m of replies) settle(slot, m.seq)?.done(m);
    }, (why) => {
      if (slot.worker !== worker || closed) return;
      worker.then((w) => w.stop(), () => {});
      const lost = { pending: slot.pending };
      if (slot.alive) {
        console.error('policy-calc pool: a worker died and is replaced:', why);
        start(slot);
      } else {
        // A worker that never ran (its script cannot load): not started again and again; the others answer.
        console.error('policy-calc pool: a worker cannot start:', why);
        stopped(slot);
      }
      lose(lost);
    });
    slot.worker = worker;
    slot.outbox = [];
    slot.w = null; // (the worker, once it can take messages)
    slot.ready = worker.then((w) => {
      // Posted now, before any call waiting for this worker: the calls are answered by these modules.
      const first = [{ type: 'start', fast }];
      for (const [id, { group, bytes: b }] of ensured) {
        first.push({ type: 'ensure', seq: track(slot, { done() {}, fail() {} }), id, group, bytes: b });
      }
      w.post(first);
      slot.w = w;
      return w;
    });
    // A worker that cannot be made at all (no Worker here): its calls get the internal answer.
    slot.ready.catch((e) => {
      console.error('policy-calc pool: a worker cannot start:', e);
      stopped(slot);
    });
  }

  /** A slot whose worker cannot run: no call goes to it; what waits on it is lost. */
  function stopped(slot) {
    slot.dead = true;
    slot.w = null;
    slot.ready = Promise.reject(new Error('policy-calc pool: the worker cannot start'));
    slot.ready.catch(() => {});
    lose(slot);
  }

  function track(slot, call, weight = 1) {
    const s = ++seq;
    calls.set(s, call);
    slot.pending.set(s, weight);
    slot.load += weight;
    return s;
  }

  /**
   * Posts `message` to `slot`'s worker; `call.done(answer)` or `call.fail()` once it is answered
   * or lost. Small messages of one turn of the event loop go to a worker together, in one list (a
   * program that makes many small calls at once wakes each worker once, not once a call); a big
   * one goes at once, so that the worker computes while the next call's requests are written.
   */
  function post(slot, message, call, weight) {
    const s = track(slot, call, weight);
    slot.outbox.push({ ...message, seq: s });
    if (slot.w && message.text?.length >= BIG) send(slot);
    else if (slot.outbox.length === 1) queueMicrotask(() => flush(slot));
  }

  function flush(slot) {
    if (slot.w) send(slot);
    else slot.ready.then(() => send(slot), () => lose(slot));
  }

  /** Posts what waits in `slot`'s outbox, now. */
  function send(slot) {
    const live = slot.outbox.filter((m) => calls.has(m.seq));
    slot.outbox = [];
    if (!live.length || !slot.w) return;
    try {
      slot.w.post(live);
    } catch (e) {
      console.error('policy-calc pool: a message could not be posted:', e);
      for (const m of live) settle(slot, m.seq)?.fail();
    }
  }

  /** The worker with the fewest requests waiting (null when none can run). */
  function leastBusy() {
    let best = null;
    for (const slot of slots) if (!slot.dead && (!best || slot.load < best.load)) best = slot;
    return best;
  }

  let started = false;
  const made = (workers ? Promise.resolve(Math.floor(Number(workers)) || 1) : cores()).then((n) => {
    for (let i = 0; i < Math.max(1, n); i++) {
      const slot = {};
      slots.push(slot);
      start(slot);
    }
    started = true;
  });

  async function ensure(id) {
    const group = groupOf(id);
    if (!allGroups.includes(group)) return;
    let b;
    if (load) {
      if (!bytes.has(group)) {
        const p = Promise.resolve().then(() => load(group));
        bytes.set(group, p);
        p.catch(() => bytes.delete(group));
      }
      b = await bytes.get(group);
    }
    await made;
    if (closed) throw new Error('policy-calc pool: closed');
    await Promise.all(slots.filter((slot) => !slot.dead).map((slot) => new Promise((resolve, reject) => {
      post(slot, { type: 'ensure', id, group, bytes: b }, {
        done(m) {
          if (!m.error) return resolve();
          const { name, message, ...rest } = m.error;
          reject(Object.assign(new Error(message), name ? { name } : {}, rest));
        },
        fail: () => reject(new Error('policy-calc pool: a worker could not load the engine')),
      });
    })));
    if (!closed) ensured.set(id, { group, bytes: b });
  }

  /** One call to the least busy worker: resolves to its answer (`lost()` if the worker is lost). */
  function call(message, lost, weight) {
    return new Promise((resolve) => {
      const slot = closed ? null : leastBusy();
      if (!slot) return resolve(lost());
      post(slot, message, { done: (m) => resolve(JSON.parse(m.text)), fail: () => resolve(lost()) }, weight);
    });
  }

  /** What goes to a worker for `inputs`, read now (as the engine reads its input at the call). */
  function messageOf(calculator, inputs, options, n) {
    try {
      return callMessage(calculator, inputs, options);
    } catch {
      // An input whose very reading throws (a Proxy that refuses): the engine cannot read it either.
      return { type: 'each', calculator: '', texts: Array.from({ length: n }, () => ''), options: undefined };
    }
  }

  function evaluateMany(calculator, inputs, options) {
    const n = Array.isArray(inputs) ? inputs.length : 1;
    if (!started) {
      const message = messageOf(calculator, inputs, options, n);
      return made.then(() => call(message, () => internal(n), n));
    }
    // A long list is shared out: each live worker takes a part of at least SPLIT requests. (Each
    // request is answered on its own, so the parts' answers, end to end, are the list's.)
    const parts = Math.min(slots.filter((slot) => !slot.dead).length, Math.floor(n / SPLIT));
    if (parts < 2) return call(messageOf(calculator, inputs, options, n), () => internal(n), n);
    const size = Math.ceil(n / parts);
    const answers = [];
    for (let i = 0; i < n; i += size) {
      const part = inputs.slice(i, i + size);
      answers.push(call(messageOf(calculator, part, options, part.length), () => internal(part.length), part.length));
    }
    return Promise.all(answers).then((lists) => lists.flat());
  }

  return {
    /** Loads the module of calculator (or group) `id` in every worker, once; a replacement worker loads it too. */
    ensure,
    /** Loads every module in every worker. */
    ensureAll: () => Promise.all(allGroups.map(ensure)).then(() => undefined),
    /**
     * evaluateMany(calculatorId, inputs, {detail, fields}?) → Promise of one response per input, in
     * order; never rejects. A long list is shared out among the workers.
     */
    evaluateMany,
    /** How many workers the pool runs (once they are started). */
    get size() { return slots.length; },
    /** Ends every worker: calls still waiting are answered with the internal error, and so are later calls. */
    async close() {
      closed = true;
      await made;
      await Promise.all(slots.map(async (slot) => {
        const w = await slot.worker.catch(() => null);
        lose(slot);
        await w?.stop();
      }));
    },
    /** Test hook: the engine of the least busy worker traps as a bug would (answered through its guard). */
    trapForTests(id = 'property-star') {
      const go = () => call({ type: 'trap', id }, () => structuredClone(INTERNAL));
      return started ? go() : made.then(go);
    },
    /**
     * Test hook: worker `index` dies, as a bug outside the engine would (the calls posted after this
     * one in the same turn are lost with it); resolves once it has died and been replaced.
     */
    crashForTests(index = 0) {
      const go = () => new Promise((resolve) => post(slots[index], { type: 'crash' }, { done: resolve, fail: resolve }));
      return started ? go() : made.then(go);
    },
  };
}
