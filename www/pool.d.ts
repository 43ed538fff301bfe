// Types of the engine pool (www/pool.js); the shapes are those of www/engine.d.ts.
import type { Pool, PoolOptions } from './engine.js';

export type { Pool, PoolOptions };
/** The pool: `workers` workers (default: one per core), each running `createEngine({fast, load})`. */
export function createPool(options?: PoolOptions): Pool;
