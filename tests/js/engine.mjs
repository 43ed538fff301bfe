// Loads the built WebAssembly engine in Node through the same wrapper the page
// uses (www/engine.js), every module of it: evaluate and catalog never throw,
// a trap is recovered.
import { readFile } from 'node:fs/promises';
import { createEngine, wasmUrl } from '../../www/engine.js';

const engine = await createEngine({ load: (group) => readFile(wasmUrl(group)) });
await engine.ensureAll();

export const { evaluate, evaluateMany, evaluateManyText, catalog, trapForTests, whenReady } = engine;
/** The modules' files, by group. */
export const wasmPaths = ['forest', 'star', 'five'].map((g) => wasmUrl(g));
