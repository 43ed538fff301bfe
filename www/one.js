// What the hosts that show one calculator share — the custom element
// (embed.js) and the iframe (frame.js): loading it. Not part of core.js (the
// page with all the calculators does not need it), each host bundles it.

import { loadEngine, loadView, viewFailedNotice } from './calculators.js';

/**
 * Loads the engine and one calculator's view side by side, for a host that
 * shows only that calculator (the custom element, the iframe). On failure it
 * says so in `panel` and resolves to null; else to `{engine, module}`.
 * `stale()` tells a host that moved on meanwhile to drop the answer.
 */
export async function loadOne(view, panel, language, { log = 'policy-calc', stale = () => false } = {}) {
  const [engine, module] = await Promise.allSettled([loadEngine(), loadView(view, panel.getRootNode())]);
  if (stale()) return null;
  if (module.status === 'rejected') {
    console.warn(`${log}: the ${view.id} view failed to load:`, module.reason);
    panel.replaceChildren(viewFailedNotice(language, module.reason));
    return null;
  }
  if (engine.status === 'rejected') {
    console.warn(`${log}: the engine failed to load:`, engine.reason);
    panel.replaceChildren(viewFailedNotice(language, engine.reason));
    return null;
  }
  panel.replaceChildren();
  return { engine: engine.value, module: module.value };
}
