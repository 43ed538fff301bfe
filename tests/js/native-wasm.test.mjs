// Native = WASM: the same 10,000 generated requests, valid and broken, give
// byte-identical responses through the CLI (JSON Lines) and the browser API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { evaluate } from './engine.mjs';
import { cases } from './cases.mjs';

const CLI = process.env.POLICY_CALC_BIN || new URL('../../target/debug/policy-calc', import.meta.url).pathname;

/** A small seeded generator (mulberry32): the same requests on every run. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD = [null, true, false, 0, -1, 1.5, 1e21, '', ' ', '0', '007', '.5', '1.00000', '１２０', '-0', 'NaN', '9'.repeat(40),
  '2026-02-29', '2024-02-29', '9999-12-31', '0000-01-01', 'sandy', 'oasis', 'mixed', 'helan', '  ', '\u3000', [], {}, [1, 'x'], { a: 1 }];

function mutate(value, r) {
  if (Array.isArray(value)) return value.map((v) => (r() < 0.2 ? mutate(v, r) : v));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const roll = r();
      if (roll < 0.06) continue; // drop a field
      if (roll < 0.16) out[k] = ODD[Math.floor(r() * ODD.length)];
      else if (roll < 0.3) out[k] = mutate(v, r);
      else out[k] = v;
    }
    if (r() < 0.05) out[['extra', 'areaMU', 'sector', 'cityDirectedTask', 'location'][Math.floor(r() * 5)]] = ODD[Math.floor(r() * ODD.length)];
    return out;
  }
  if (typeof value === 'string' && r() < 0.3) return value + ODD[Math.floor(r() * 6)];
  if (typeof value === 'number' && r() < 0.3) return value * (r() < 0.5 ? -1 : 10);
  return value;
}

function breakText(text, r) {
  const i = Math.floor(r() * text.length);
  const cuts = [() => text.slice(0, i), () => text.slice(0, i) + '}' + text.slice(i), () => text.replace('"', ''), () => `${text},`, () => text.replace(':', '::')];
  return cuts[Math.floor(r() * cuts.length)]();
}

test('10,000 generated requests: the CLI and the WASM answer byte for byte the same', () => {
  const r = rng(20261129);
  const byCalculator = new Map();
  for (let n = 0; n < 10_000; n++) {
    const base = cases[Math.floor(r() * cases.length)];
    let text = JSON.stringify(r() < 0.85 ? mutate(base.input, r) : base.input);
    if (r() < 0.1) text = breakText(text, r);
    if (!text.trim() || /[\n\r]/.test(text) || text.startsWith('\ufeff')) text = '{';
    const list = byCalculator.get(base.calculator) ?? [];
    list.push(text);
    byCalculator.set(base.calculator, list);
  }
  let compared = 0;
  let ok = 0;
  for (const [calculator, lines] of byCalculator) {
    const out = execFileSync(CLI, ['eval', calculator], { input: `${lines.join('\n')}\n`, encoding: 'utf8', maxBuffer: 1 << 30 })
      .trimEnd().split('\n');
    assert.equal(out.length, lines.length, `${calculator}: one answer per line`);
    lines.forEach((text, i) => {
      const fromWasm = JSON.stringify(evaluate(calculator, text));
      const fromCli = JSON.stringify(JSON.parse(out[i]));
      assert.equal(fromWasm, fromCli, `${calculator} #${i}: ${text.slice(0, 200)}`);
      compared += 1;
      if (JSON.parse(out[i]).ok) ok += 1;
    });
  }
  assert.equal(compared, 10_000);
  // Both kinds are exercised.
  assert.ok(ok > 1000 && ok < 9000, `${ok} of 10,000 were valid`);
});
