// Loads the built WebAssembly engine in Node through the same wrapper the page
// uses (www/engine.js): evaluate and catalog never throw, a trap is recovered.
import { readFile } from 'node:fs/promises';
import { createEngine } from '../../www/engine.js';

const wasm = new URL('../../www/pkg/policy_calc_bg.wasm', import.meta.url);
const engine = await createEngine({ wasm: await readFile(wasm) });

export const { evaluate, catalog, trapForTests, whenReady } = engine;
export const wasmPath = wasm;
