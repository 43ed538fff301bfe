// The WebAssembly engine gives the same JSON as the CLI for the same
// requests, never throws, and fits its size budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { createEngine, wasmUrl } from '../../www/engine.js';
import { catalog, evaluate, evaluateMany, evaluateManyText, trapForTests, wasmPaths } from './engine.mjs';
import { cases, mismatches, workedExample } from './cases.mjs';

const CLI = process.env.POLICY_CALC_BIN || new URL('../../target/debug/policy-calc', import.meta.url).pathname;

function cli(args, input) {
  return execFileSync(CLI, args, { input, encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
}

test('every named case gives what it expects through WASM', () => {
  assert.ok(cases.length >= 30, `${cases.length} cases`);
  const failures = [];
  for (const c of cases) {
    const problems = mismatches(c.expect, evaluate(c.calculator, c.input));
    if (problems.length) failures.push(`${c.calculator} · ${c.name}: ${problems.join('; ')}`);
  }
  assert.deepEqual(failures, []);
});

test('WASM and CLI agree on every shared case', () => {
  for (const { calculator, input } of cases) {
    const [fromCli] = cli(['eval', calculator], JSON.stringify(input));
    assert.deepEqual(evaluate(calculator, input), fromCli, `${calculator} ${JSON.stringify(input)}`);
  }
});

test('WASM and CLI agree on the catalog', () => {
  assert.deepEqual(catalog(), cli(['catalog'], '')[0]);
});

test('the worked example through WASM', () => {
  const r = evaluate('forest-maintenance', workedExample.input);
  assert.equal(r.ok, true);
  assert.equal(r.result.total, '13959.49');
  assert.deepEqual(r.result.schedule.map((row) => row.amount), ['6416.38', '5133.11', '2410.00']);
});

test('evaluateMany answers each request as evaluate does, and fields keep only what is asked', () => {
  for (const id of new Set(cases.map((c) => c.calculator))) {
    const inputs = cases.filter((c) => c.calculator === id).map((c) => c.input);
    for (const detail of ['full', 'codes']) {
      assert.deepEqual(evaluateMany(id, inputs, { detail }), inputs.map((i) => evaluate(id, i, { detail })), `${id} ${detail}`);
    }
  }
  const star = (contract) => ({ scores: { contract, satisfaction: '27', governance: '18', rectification: '9' }, asOf: '2025-10-01' });
  const [five, bad] = evaluateMany('property-star', [star('46'), star('forty')], { detail: 'codes', fields: ['stars'] });
  assert.deepEqual(five, { ok: true, result: { stars: 5 } });
  assert.equal(bad.error.code, 'invalidNumber');
  assert.deepEqual(evaluate('property-star', star('46'), { fields: ['stars', 'total'] }), { ok: true, result: { stars: 5, total: '100' } });
  // Not a list: one error, in a list; an unknown calculator: one answer per request.
  assert.equal(evaluateMany('property-star', { nope: 1 })[0].error.code, 'invalidType');
  assert.deepEqual(evaluateMany('nope', [1, 2]).map((r) => r.error.code), ['unknownCalculator', 'unknownCalculator']);
  // A list too big to cross as one, or with a value JSON cannot write: still one answer per request.
  const big = Array.from({ length: 40000 }, () => star('46'));
  const answers = evaluateMany('property-star', big, { detail: 'codes', fields: ['stars'] });
  assert.equal(answers.length, big.length);
  assert.deepEqual(answers.at(-1), { ok: true, result: { stars: 5 } });
  const odd = evaluateMany('property-star', [star('46'), { scores: { contract: 1n } }]);
  assert.equal(odd.length, 2);
  assert.equal(odd[0].result.stars, 5);
  assert.equal(odd[1].ok, false);
});

test('evaluateManyText gives evaluateMany\'s answers as the engine wrote them, whatever the list', () => {
  const star = (contract) => ({ scores: { contract, satisfaction: '27', governance: '18', rectification: '9' }, asOf: '2025-10-01' });
  for (const id of new Set(cases.map((c) => c.calculator))) {
    const inputs = cases.filter((c) => c.calculator === id).map((c) => c.input);
    for (const detail of ['full', 'codes']) {
      const text = evaluateManyText(id, inputs, { detail });
      assert.equal(typeof text, 'string');
      assert.deepEqual(JSON.parse(text), evaluateMany(id, inputs, { detail }), `${id} ${detail}`);
    }
  }
  for (const [inputs, options] of [
    [[star('46'), star('forty')], { detail: 'codes', fields: ['stars'] }],
    [{ nope: 1 }, undefined], [[], undefined], [JSON.stringify([star('46')]), undefined],
    // Lists the engine cannot read as one: each request on its own, as evaluateMany.
    [Array.from({ length: 40000 }, () => star('46')), { detail: 'codes', fields: ['stars'] }],
    [[star('46'), { scores: { contract: 1n } }], undefined],
  ]) {
    assert.deepEqual(JSON.parse(evaluateManyText('property-star', inputs, options)), evaluateMany('property-star', inputs, options));
  }
  assert.deepEqual(JSON.parse(evaluateManyText('nope', [1, 2])), evaluateMany('nope', [1, 2]));
});

test('JSON text is accepted as well as an object', () => {
  assert.deepEqual(evaluate('forest-maintenance', JSON.stringify(workedExample.input)), evaluate('forest-maintenance', workedExample.input));
});

test('odd JavaScript values never throw and never trap', () => {
  const cyclic = {};
  cyclic.self = cyclic;
  const odd = [undefined, null, NaN, Infinity, -0, 1n, Symbol('x'), () => 1, cyclic, [], '', '{', 42, true,
    { areaMu: NaN }, { areaMu: Infinity }, { areaMu: 1e300 }, { areaMu: 0.1 + 0.2 }, new Date(), new Map()];
  for (const id of ['forest-maintenance', 'forest-construction', undefined, null, 7, {}, '']) {
    for (const input of odd) {
      const r = evaluate(id, input);
      assert.equal(r.ok, false, `${String(id)} ${String(input)}`);
      assert.equal(typeof r.error.code, 'string');
      assert.ok(r.error.messageZh && r.error.messageEn);
    }
  }
  // The engine still works after all that.
  assert.equal(evaluate('forest-maintenance', workedExample.input).result.total, '13959.49');
});

test('a float that is not a short decimal is refused, naming the field', () => {
  const r = evaluate('forest-maintenance', { ...workedExample.input, areaMu: 0.1 + 0.2 });
  assert.equal(r.error.code, 'invalidNumber');
  assert.equal(r.error.field, 'areaMu');
});

// Each page module's budget: its size at the small build of scripts/build-wasm (forest 71.1 KB,
// star 62.8 KB, five 77.4 KB gzip) and about 3 KB to grow; the forest module is most of a first
// load (≤ 100 KB, tests/js/product.test.mjs). The fast module is for programs, not pages.
const BUDGET_KB = { forest: 74, star: 66, five: 80, fast: 160 };

test('size budget: each module of the engine within its gzip budget (forest 74 KB, star 66 KB, five 80 KB; fast 160 KB)', () => {
  for (const path of [...wasmPaths, wasmUrl('fast')]) {
    const group = path.pathname.split('/pkg/')[1].split('/')[0];
    const bytes = readFileSync(path);
    const gz = gzipSync(bytes, { level: 9 }).length;
    console.log(`wasm size ${group}: ${bytes.length} bytes raw, ${gz} bytes gzip`);
    assert.ok(gz <= BUDGET_KB[group] * 1024, `${group}: ${gz} bytes gzip is over its ${BUDGET_KB[group]} KB budget`);
  }
});

test('a trap inside the engine answers internal, and the next call works', async () => {
  const before = evaluate('forest-maintenance', workedExample.input);
  const trapped = trapForTests();
  assert.equal(trapped.ok, false);
  assert.equal(trapped.error.code, 'internal');
  assert.ok(trapped.error.messageZh && trapped.error.messageEn);
  // The instance was replaced: the same request gives the same answer.
  assert.deepEqual(evaluate('forest-maintenance', workedExample.input), before);
  // And again: each trap is recovered at once.
  assert.equal(trapForTests().error.code, 'internal');
  assert.equal(evaluate('property-star', { scores: { contract: '46', satisfaction: '27', governance: '18', rectification: '9' } }).result.stars, 5);
});

test('the fast module (every calculator, built for speed) answers every named case as the page modules do', async () => {
  const fast = await createEngine({ fast: true, load: (group) => readFile(wasmUrl(group)) });
  await fast.ensureAll();
  assert.deepEqual(fast.catalog(), catalog());
  for (const c of cases) {
    for (const detail of ['full', 'codes']) {
      assert.deepEqual(fast.evaluate(c.calculator, c.input, { detail }), evaluate(c.calculator, c.input, { detail }), `${c.calculator}: ${c.name} (${detail})`);
    }
  }
  const many = cases.filter((c) => c.calculator === 'property-star').map((c) => c.input);
  assert.deepEqual(fast.evaluateMany('property-star', many, { detail: 'codes', fields: ['stars'] }),
    evaluateMany('property-star', many, { detail: 'codes', fields: ['stars'] }));
  assert.equal(fast.trapForTests('property-star').error.code, 'internal');
  assert.equal(fast.evaluate('property-star', many[0]).ok, evaluate('property-star', many[0]).ok);
});
