// The floor page's one script: loads the forest module of the engine (the one
// the page loads for the maintenance calculator), evaluates the request given
// as JSON in the URL fragment, and prints its total as the page does, under
// [data-testid=total]. Served by scripts/bench at /bench/, beside www/.
import init, { evaluate } from '../pkg/forest/policy_calc.js';

const input = JSON.parse(decodeURIComponent(location.hash.slice(1)));
await init({ module_or_path: new URL('../pkg/forest/policy_calc_bg.wasm', import.meta.url) });
const r = evaluate('forest-maintenance', input);
const total = document.createElement('output');
total.dataset.testid = 'total';
total.textContent = r.ok ? r.result.total : r.error.code;
document.body.append(total);
