// One worker of the engine pool (www/pool.js): the same engine as every page
// (www/engine.js, `createEngine`), answering the pool's messages in order. It
// runs as a module worker in a browser and as a worker thread in Node.
//
// Messages in (plain data only; the pool posts a list of them at a time):
//   {type: 'start', fast}                      once, first: which modules to use
//   {type: 'ensure', seq, id, group, bytes?}   load calculator `id`'s module (its bytes, when the pool has them)
//   {type: 'many', seq, calculator, text, count, options}
//                                              evaluateMany over `text`, the requests' JSON list
//   {type: 'each', seq, calculator, texts, options}
//                                              each request's JSON text on its own (a list JSON cannot write)
//   {type: 'trap', seq, id}                    test hook: the engine's trapForTests
//   {type: 'crash'}                            test hook: the worker dies, as a bug outside the engine would
// Messages out, a list at a time (an empty list first: the worker runs): {seq, text} (a call's answers as one JSON string), {seq} (an
// ensure done) or {seq, error} (an ensure failed).

import { answersEach, createEngine, wasmUrl } from './engine.js';

/** Answers this long (JSON characters) are posted at once, not with the next ones. */
const BIG = 4096;
/** Bytes the pool sent, by group: the engine's `load` takes them from here. */
const given = new Map();
let engine = null;
/** The engine once it has started: calls are answered at once, without waiting on a promise. */
let started = null;
/** Ensures still loading: a call waits for them, so that it is answered by the modules asked for first. */
let loading = Promise.resolve();
let pending = 0;

/** A failed ensure as plain data: the error's name, message, and the codes and texts of engine.js's load errors. */
const plain = (e) => Object.fromEntries(['name', 'message', 'code', 'directive', 'messageZh', 'messageEn']
  .filter((k) => typeof e?.[k] === 'string').map((k) => [k, e[k]]));

/**
 * Answers the messages the pool posted at once (a list, in order). Small
 * answers go back together, in one message; once they come to BIG characters
 * they go at once, so that the pool reads them while this worker computes the
 * next. Those that wait for a module loading go back each on its own.
 */
function receive(port, messages) {
  let replies = [];
  let size = 0;
  for (const m of messages) {
    answer(port, m, (r) => {
      replies.push(r);
      size += r.text.length;
      if (size >= BIG) {
        port.postMessage(replies);
        replies = [];
        size = 0;
      }
    });
  }
  if (replies.length) port.postMessage(replies);
}

function answer(port, message, reply) {
  switch (message.type) {
    case 'start': {
      // In Node the module is read from its file (Node's fetch cannot read file: URLs).
      const readFile = node ? import('node:fs/promises').then((fs) => fs.readFile) : null;
      const load = (group) => given.get(group) ?? readFile?.then((read) => read(wasmUrl(group)));
      engine = createEngine({ fast: message.fast, load });
      engine.then((e) => { started = e; });
      return;
    }
    case 'ensure': {
      if (message.bytes) given.set(message.group, message.bytes);
      pending++;
      const done = engine.then((e) => e.ensure(message.id)).then(
        () => port.postMessage([{ seq: message.seq }]),
        (e) => port.postMessage([{ seq: message.seq, error: plain(e) }]),
      ).finally(() => { pending--; });
      loading = loading.then(() => done);
      return;
    }
    case 'crash':
      throw new Error('policy-calc pool worker: a crash forced by a test');
    default:
      if (pending || !started) {
        loading.then(() => engine).then(() => answer(port, message, (r) => port.postMessage([r])));
        return;
      }
      reply({ seq: message.seq, text: run(started, message) });
  }
}

/** The engine's answers to a call as `createEngine().evaluateMany` gives them, in one JSON text. */
function run(e, { type, calculator, text, count, texts, options, id }) {
  if (type === 'trap') return JSON.stringify(e.trapForTests(id));
  if (type === 'each') return JSON.stringify(texts.map((t) => e.evaluate(calculator, t, options)));
  // The engine's own text, not made into objects and back (the pool reads it once, for its caller).
  const answers = e.evaluateManyText(calculator, text, options);
  // A list the engine could not read as one (over its size limit): as engine.js does, each request
  // is answered on its own, so every one still gets its own answer.
  return count >= 0 && !answersEach(answers, count) ? e.evaluateManyText(calculator, JSON.parse(text), options) : answers;
}

// A browser's module worker has WorkerGlobalScope; a Node worker thread has parentPort instead.
const node = typeof WorkerGlobalScope === 'undefined';
if (node) {
  import('node:worker_threads').then(({ parentPort }) => {
    parentPort.on('message', (m) => receive(parentPort, m));
    parentPort.postMessage([]);
  });
} else {
  self.onmessage = (e) => receive(self, e.data);
  // The pool's sign that the worker runs (a worker that dies before it is not started again).
  self.postMessage([]);
}
