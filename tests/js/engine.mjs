// Loads the built WebAssembly engine in Node, as the page does in a browser.
import { readFile } from 'node:fs/promises';
import init, * as engine from '../../www/pkg/policy_calc.js';

const wasm = new URL('../../www/pkg/policy_calc_bg.wasm', import.meta.url);
await init({ module_or_path: await readFile(wasm) });

export const { evaluate, catalog } = engine;
export const wasmPath = wasm;
