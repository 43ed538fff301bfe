// The engine pool (www/pool.js): the same engine in a few worker threads. Its
// answers are the engine's, in order, however many calls are in flight; it
// never rejects a call; a worker that dies is replaced; close() lets Node exit.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, wasmUrl } from '../../www/engine.js';
import { createPool } from '../../www/pool.js';
import { cases } from './cases.mjs';
import * as small from './engine.mjs';

const root = new URL('../../', import.meta.url).pathname;
const load = (group) => readFile(wasmUrl(group));
const fast = await createEngine({ fast: true, load });
await fast.ensureAll();

// Three workers (more than this machine may have cores: order must not depend on timing); the
// module's bytes read here and sent to each worker.
const pool = createPool({ workers: 3, load });
await pool.ensureAll();
after(() => pool.close());

const ids = [...new Set(cases.map((c) => c.calculator))];
const star = (contract, rectification = '9') => ({ scores: { contract, satisfaction: '27', governance: '18', rectification } });

test('the pool answers every named case as createEngine does, fast and small modules', async () => {
  assert.equal(pool.size, 3);
  // Without `load`: each worker reads its modules itself (Node), here the small ones.
  const pages = createPool({ workers: 2, fast: false });
  try {
    await pages.ensureAll();
    for (const id of ids) {
      const inputs = cases.filter((c) => c.calculator === id).map((c) => c.input);
      for (const options of [undefined, { detail: 'codes' }, { detail: 'codes', fields: ['ok', 'total', 'stars'] }]) {
        assert.deepEqual(await pool.evaluateMany(id, inputs, options), fast.evaluateMany(id, inputs, options), `${id} fast ${JSON.stringify(options)}`);
        assert.deepEqual(await pages.evaluateMany(id, inputs, options), small.evaluateMany(id, inputs, options), `${id} small ${JSON.stringify(options)}`);
      }
    }
  } finally {
    await pages.close();
  }
});

test('order is kept with many calls in flight across the workers', async () => {
  // Calls of different sizes and contents, all posted at once: each gets its own answers, in order.
  const calls = Array.from({ length: 60 }, (_, k) => Array.from({ length: 1 + (k * 37) % 300 },
    (_, i) => star(String(30 + ((k + i) % 21)), String((k * 7 + i) % 11))));
  const options = { detail: 'codes', fields: ['stars', 'total'] };
  const answers = await Promise.all(calls.map((inputs) => pool.evaluateMany('property-star', inputs, options)));
  answers.forEach((got, k) => assert.deepEqual(got, fast.evaluateMany('property-star', calls[k], options), `call ${k}`));
  // A long list is shared out among the workers: the answers, end to end, are the list's.
  const long = Array.from({ length: 5000 }, (_, i) => star(String(30 + (i % 21)), i % 97 ? '9' : 'nine'));
  assert.deepEqual(await pool.evaluateMany('property-star', long, options), fast.evaluateMany('property-star', long, options));
  // Calls of every calculator interleaved, each with its own options.
  const mixed = ids.flatMap((id) => ['full', 'codes'].map((detail) => ({ id, detail, inputs: cases.filter((c) => c.calculator === id).map((c) => c.input) })));
  const got = await Promise.all(mixed.map(({ id, detail, inputs }) => pool.evaluateMany(id, inputs, { detail })));
  mixed.forEach(({ id, detail, inputs }, k) => assert.deepEqual(got[k], fast.evaluateMany(id, inputs, { detail }), `${id} ${detail}`));
});

test('bad input is answered ok:false, as by the engine, never rejected', async () => {
  const cyclic = { scores: {} };
  cyclic.scores.self = cyclic;
  const odd = [
    ['property-star', [star('46'), star('forty')]],
    ['property-star', { nope: 1 }],
    ['property-star', undefined],
    ['property-star', null],
    ['property-star', 42],
    ['property-star', '[1,'],
    ['property-star', JSON.stringify([star('46'), star('50')])],
    ['property-star', [star('46'), cyclic, { scores: 1n }, undefined, () => 1, Symbol('s'), 'text', null]],
    ['property-star', [cyclic]],
    ['no-such-calculator', [star('46')]],
    [{ not: 'an id' }, [star('46')]],
    ['property-star', []],
  ];
  const optionsList = [undefined, { detail: 'codes' }, { fields: 'stars' }, { fields: ['stars', 1, null] }, 'codes', { detail: 7 }];
  for (const [k, [id, inputs]] of odd.entries()) {
    for (const options of optionsList) {
      const got = await pool.evaluateMany(id, inputs, options);
      const want = fast.evaluateMany(typeof id === 'string' ? id : '', inputs, options);
      assert.deepEqual(got, want, `odd case ${k} ${JSON.stringify(options)}`);
    }
  }
  // A list over the engine's size limit (4 MB of JSON) is answered request by request, as by the engine.
  const big = Array.from({ length: 400 }, (_, i) => (i % 2 ? star('46') : { ...star('46'), note: 'x'.repeat(22_000) }));
  assert.equal(fast.evaluateMany('property-star', JSON.stringify(big)).length, 1, 'over the limit as one text');
  const bigAnswers = await pool.evaluateMany('property-star', big, { detail: 'codes' });
  assert.deepEqual(bigAnswers, fast.evaluateMany('property-star', big, { detail: 'codes' }));
  assert.equal(bigAnswers.length, 400);
  assert.equal(bigAnswers[1].result.stars, 5);
  // A call before its module is loaded: the engine's own "not loaded" answer, one per request.
  const fresh = createPool({ workers: 1, fast: false });
  try {
    const bare = await createEngine();
    assert.deepEqual(await fresh.evaluateMany('property-star', [star('46'), star('50')]), bare.evaluateMany('property-star', [star('46'), star('50')]));
    // A module that cannot be loaded: ensure rejects, as the engine's does.
    const broken = createPool({ workers: 1, load: () => { throw new Error('no bytes here'); } });
    await assert.rejects(broken.ensure('property-star'), /no bytes here/);
    assert.equal((await broken.evaluateMany('property-star', [star('46')]))[0].error.code, 'internal');
    await broken.close();
  } finally {
    await fresh.close();
  }
});

test('a trap is answered internal and the next call works; a worker that dies is replaced', async () => {
  const trapped = await pool.trapForTests('property-star');
  assert.equal(trapped.ok, false);
  assert.equal(trapped.error.code, 'internal');
  assert.ok(trapped.error.messageZh && trapped.error.messageEn);
  assert.deepEqual(await pool.evaluateMany('property-star', [star('46')], { detail: 'codes', fields: ['stars'] }), [{ ok: true, result: { stars: 5 } }]);

  const one = createPool({ workers: 1, load });
  try {
    await one.ensure('property-star');
    const errors = console.error;
    console.error = () => {}; // (the pool reports the death on the console)
    let lost;
    try {
      const died = one.crashForTests(0);
      // Posted in the same turn, after the crash: lost with the worker, answered internal, one per request.
      lost = one.evaluateMany('property-star', [star('46'), star('50')]);
      await died;
      lost = await lost;
    } finally {
      console.error = errors;
    }
    assert.equal(lost.length, 2);
    for (const answer of lost) assert.equal(answer.error.code, 'internal');
    assert.ok(lost[0].error.messageEn);
    // The replacement has loaded what was ensured before: the next call works.
    assert.deepEqual(await one.evaluateMany('property-star', [star('46')], { detail: 'codes', fields: ['stars'] }), [{ ok: true, result: { stars: 5 } }]);
    assert.equal(one.size, 1);
  } finally {
    await one.close();
  }
});

test('after close() the process exits; later calls are answered, not rejected', () => {
  const script = `
    import { createPool } from ${JSON.stringify(new URL('../../www/pool.js', import.meta.url).href)};
    const pool = createPool({ workers: 2 });
    await pool.ensure('property-star');
    const [a] = await pool.evaluateMany('property-star', [{ scores: { contract: 46, satisfaction: 27, governance: 18, rectification: 9 } }], { detail: 'codes', fields: ['stars'] });
    await pool.close();
    const [b] = await pool.evaluateMany('property-star', [{}]);
    console.log(JSON.stringify([a, b.error.code]));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.signal, null, 'the process did not exit by itself');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), JSON.stringify([{ ok: true, result: { stars: 5 } }, 'internal']));
});

test('the pool\'s types (www/pool.d.ts) compile a typed use and refuse a wrong one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-calc-pool-ts-'));
  for (const f of ['engine.d.ts', 'pool.d.ts']) copyFileSync(join(root, 'www', f), join(dir, f));
  writeFileSync(join(dir, 'good.ts'), `import { createPool } from './pool.js';
export async function stars(): Promise<number[]> {
  const pool = createPool({ workers: 2 });
  await pool.ensure('property-star');
  const answers = await pool.evaluateMany('property-star', [{ scores: { contract: 46, satisfaction: '27', governance: 18, rectification: 9 } }], { detail: 'codes', fields: ['stars'] });
  await pool.close();
  return answers.map((a) => (a.ok ? a.result.stars : -1));
}
`);
  writeFileSync(join(dir, 'bad.ts'), `import { createPool } from './pool.js';
export async function bad(): Promise<string> {
  const pool = createPool({ workers: '2' });
  const [a] = await pool.evaluateMany('property-star', [{ scores: { satisfaction: 27, governance: 18, rectification: 9, extra: 1 } }]);
  return a.ok ? a.result.stars : '';
}
`);
  const compile = (file) => {
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ES2022', moduleResolution: 'bundler', strict: true, noEmit: true, lib: ['ES2022', 'DOM'] }, files: [file, 'engine.d.ts', 'pool.d.ts'] }));
    try {
      execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
      return '';
    } catch (e) {
      return `${e.stdout}${e.stderr}`;
    }
  };
  assert.equal(compile('good.ts'), '');
  const out = compile('bad.ts');
  assert.match(out, /Type 'string' is not assignable to type 'number'/);
  assert.match(out, /'extra' does not exist/);
  assert.match(out, /not assignable to type 'string'/);
});
