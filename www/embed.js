// <policy-calculator calculator="forest-maintenance" lang="zh">: one calculator
// in a shadow root, so that the host page's CSS cannot reach it. One
// <script type="module" src=".../embed.js"> loads it; the engine, the styles
// and the texts come from beside this file.

import { loadingNotice, mountView, viewById, VIEWS } from './calculators.js';
import { loadOne } from './one.js';
import { translator } from './i18n.js';

// The page's styles, minified by the build (scripts/bundle.mjs).
const STYLES = new URL('./pkg/style.css', import.meta.url);

class PolicyCalculator extends HTMLElement {
  static get observedAttributes() {
    return ['calculator', 'lang'];
  }

  connectedCallback() {
    this.#schedule();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#schedule();
  }

  #pending = false;
  #calculator = null;
  #generation = 0;

  /** Several attribute changes in a row make one render. */
  #schedule() {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      this.#render();
    });
  }

  async #render() {
    const generation = ++this.#generation;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const language = this.getAttribute('lang')?.startsWith('en') ? 'en' : 'zh';
    const { t: say, html } = translator(language);
    // Entries survive a change of language (or of calculator, where the fields match).
    const kept = this.controller?.getState();
    const panel = document.createElement('section');
    panel.className = 'embedded';
    panel.lang = html;
    // The stylesheets stay from one render to the next (the page's, and those of the views shown here), so
    // that a change of language or calculator does not show the calculator unstyled while they load again.
    for (const node of [...root.childNodes]) if (node.localName !== 'link') node.remove();
    if (![...root.querySelectorAll('link')].some((l) => l.href === STYLES.href)) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = STYLES.href;
      root.prepend(link);
    }
    root.append(panel);
    const view = viewById(this.getAttribute('calculator'));
    if (!view) {
      panel.textContent = say(`policy-calculator：calculator 须为以下之一：${VIEWS.map((v) => v.id).join('、')}`, `policy-calculator: calculator must be one of ${VIEWS.map((v) => v.id).join(', ')}`);
      return;
    }
    panel.replaceChildren(loadingNotice(language));
    // The engine and this calculator's view (only this one) load side by side.
    const loaded = await loadOne(view, panel, language, { log: 'policy-calculator', stale: () => generation !== this.#generation });
    if (!loaded) return;
    this.controller = mountView(loaded.module, panel, { ...loaded.engine, language, onState: () => {} });
    if (kept && this.#calculator === view.id) this.controller.setState(kept);
    this.#calculator = view.id;
    this.dispatchEvent(new CustomEvent('policy-calculator-ready', { bubbles: true }));
  }
}

if (!customElements.get('policy-calculator')) customElements.define('policy-calculator', PolicyCalculator);
