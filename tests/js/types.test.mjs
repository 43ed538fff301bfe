// The typed API (www/engine.d.ts) compiles a portal's usage example with tsc,
// refuses a wrong one, and declares every field the catalog lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog } from './engine.mjs';

const root = new URL('../../', import.meta.url).pathname;
const tsc = join(root, 'node_modules/.bin/tsc');

function compile(project) {
  try {
    execFileSync(tsc, ['-p', project], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return `${e.stdout}${e.stderr}`;
  }
}

test('a typed usage example compiles with tsc --strict', () => {
  assert.equal(compile(join(root, 'tests/ts/tsconfig.json')), '');
});

test('a wrong field or a wrong reading does not compile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-calc-ts-'));
  copyFileSync(join(root, 'www/engine.d.ts'), join(dir, 'engine.d.ts'));
  writeFileSync(join(dir, 'bad.ts'), `import { createEngine } from './engine.js';
const e = await createEngine();
const r = e.evaluate('forest-maintenance', { zone: 'desert', forestType: 'shrub', location: 'lingwu',
  jointApplication: false, landRightsClear: true, meetsTechnicalStandards: true, compartmentManaged: true });
if (r.ok) { const n: number = r.result.total; console.log(n); }
export {};
`);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ES2022', moduleResolution: 'bundler', strict: true, noEmit: true }, files: ['bad.ts', 'engine.d.ts'] }));
  const out = compile(join(dir, 'tsconfig.json'));
  assert.match(out, /'"desert"' is not assignable/);
  assert.match(out, /Type 'string' is not assignable to type 'number'/);
});

test('every field the catalog lists is declared in the request types', () => {
  const dts = readFileSync(join(root, 'www/engine.d.ts'), 'utf8');
  const keys = new Set();
  const walk = (fields) => { for (const f of fields) { keys.add(f.key); if (f.fields && f.key !== 'indicators' && f.key !== 'weights') walk(f.fields); } };
  for (const c of catalog()) walk(c.fields);
  assert.ok(keys.size > 40, `${keys.size} keys`);
  for (const key of keys) assert.match(dts, new RegExp(`\\b${key}\\??:`), `${key} is not declared in www/engine.d.ts`);
});
