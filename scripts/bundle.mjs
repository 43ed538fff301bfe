// The page's scripts as the browser loads them (run by scripts/build-wasm; on
// its own: node scripts/bundle.mjs): the readable modules of www/ bundled and
// minified with esbuild into www/pkg/, a few files that a visit fetches in one
// round instead of a module graph fetched level by level —
//
//   pkg/app.js, pkg/embed.js, pkg/frame.js   one per host (the page, the custom
//                                            element, the iframe), each importing
//   pkg/core.js                              what every host and the first tab's
//                                            view share: the engine, the registry
//                                            of calculators, the form and its fields
//                                            (what the other bundles import of them)
//   pkg/view-<id>.js                         one per calculator's view, imported
//                                            when that calculator is first shown
//   pkg/<path>.js                            a module imported on demand (what a
//                                            reader's action needs: an article's
//                                            text, the error component, a new
//                                            release's notice), e.g. pkg/articles.js,
//                                            pkg/ui-errors.js (ui/errors.js)
//   pkg/self-check.js                        the self-check page, self-contained
//   pkg/style.css                            www/style.css, minified: the shell,
//                                            what the views share, the first tab
//                                            (and its copy in index.html's <style>:
//                                            inlineStyle below)
//   pkg/view-<id>.css                        www/views/<id>.css, a view's own
//                                            styles, linked when it is first shown
//   pkg/<path>.css                           the styles of a module imported on
//                                            demand (<path>.css beside it), which
//                                            it links itself
//   pkg/self-check.css                       the self-check page's, with style.css
//
// and minifies the engine's glue modules (pkg/<group>/policy_calc.js) in place,
// with beside each the part of it that the engine loads (pkg/<group>/glue.js).
// A module's code lives in exactly one file, so state it keeps (an id counter,
// the engine) is one per page. The sources stay the modules the tests and the
// batch worker import; index.html preloads what its first tab needs.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as esbuild from 'esbuild';
import { cspHash, writePrecache } from './release.mjs';

const WWW = new URL('../www/', import.meta.url).pathname;
const PKG = join(WWW, 'pkg');
/** The hosts: entry → the bundle's name under pkg/. */
const HOSTS = { 'app.js': 'app', 'embed.js': 'embed', 'frame.js': 'frame' };
/** The view the page opens on (app.js: the first tab): what it imports goes into core.js, fetched with it. */
const FIRST_VIEW = 'views/forest-maintenance.js';
/** What www/engine.js calls of the engine's glue. */
const GLUE = ['initSync', 'evaluate', 'evaluateMany', 'evaluateManyText', 'catalog', '__trapForTests'];
const COMMON = { bundle: true, format: 'esm', minify: true, charset: 'utf8', legalComments: 'none', logLevel: 'warning', target: 'es2022' };
/**
 * The first line of the bundles whose every function runs as they load (the page and its views, the
 * shared core, the glue): Chromium's compile hint, which compiles them whole on its background thread
 * as they stream in, instead of one function at a time on the main thread as each is first called.
 */
const EAGER = '//# allFunctionsCalledOnLoad';
/** The build options of those bundles. */
const AT_LOAD = { ...COMMON, banner: { js: EAGER } };

const rel = (path) => relative(WWW, path).split('\\').join('/');
const viewName = (path) => `view-${rel(path).replace(/^views\//, '').replace(/\.js$/, '')}`;

/**
 * `import.meta.url` of a source module, as the bundle's code must compute it:
 * every bundle is in pkg/, so the source's own URL is `../<its path>` from there
 * (the regulations' texts, the engine's modules and the batch worker resolve
 * from it as before).
 */
const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, ({ path }) => {
      if (!path.startsWith(WWW)) return undefined;
      const text = readFileSync(path, 'utf8');
      return { contents: text.replace(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(`../${rel(path)}`)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

/** The static imports of `entries` (dynamic ones left out): the modules that load with them. */
async function closure(entries) {
  const result = await esbuild.build({
    ...COMMON, entryPoints: entries.map((e) => join(WWW, e)), write: false, outdir: PKG, metafile: true, minify: false,
    plugins: [{ name: 'static-only', setup: (b) => b.onResolve({ filter: /.*/ }, (a) => (a.kind === 'dynamic-import' ? { path: a.path, external: true } : undefined)) }],
  });
  return new Set(Object.keys(result.metafile.inputs).map((p) => rel(join(process.cwd(), p))));
}

/**
 * The views with styles of their own (a views/<id>.css beside the module) are
 * the ones calculators.js marks `styled: true`, which links pkg/view-<id>.css
 * when it first shows them: a stylesheet it would not link, or one it would
 * link and that does not exist, is an error of the build.
 */
function checkStyled(styled) {
  const text = readFileSync(join(WWW, 'calculators.js'), 'utf8');
  const marked = [...text.matchAll(/^\s*\{ id: '([^']+)'.*\bstyled: true\b.*$/gm)].map((m) => `views/${m[1]}.js`);
  const unlinked = styled.filter((v) => !marked.includes(v));
  const missing = marked.filter((v) => !styled.includes(v));
  if (unlinked.length || missing.length) {
    throw new Error(`calculators.js: ${[...unlinked.map((v) => `${v} has a stylesheet but is not marked styled`),
      ...missing.map((v) => `${v} is marked styled but has no ${v.replace(/\.js$/, '.css')}`)].join('; ')}`);
  }
}

/**
 * The modules imported on demand (`import('./x.js')`, a reader's action away:
 * the text of an article, say) other than the views: each is a bundle of its
 * own, pkg/<its path, / as ->.js, fetched when first imported, unless the
 * modules of core.js import it anyway. Found from the hosts and the views on,
 * and from each module found.
 */
async function lazyOf(views, core) {
  const found = new Set();
  for (let entries = [...Object.keys(HOSTS), ...views]; entries.length;) {
    const next = new Set();
    await esbuild.build({
      ...COMMON, entryPoints: entries.map((e) => join(WWW, e)), write: false, outdir: PKG, minify: false,
      plugins: [{ name: 'dynamic', setup: (b) => b.onResolve({ filter: /^\.{1,2}\// }, (a) => {
        if (a.kind !== 'dynamic-import') return undefined;
        const path = rel(join(dirname(a.importer), a.path));
        if (!views.includes(path) && !core.has(path) && !found.has(path)) next.add(path);
        return { path: a.path, external: true };
      }) }],
    });
    for (const path of next) found.add(path);
    entries = [...next];
  }
  const reserved = new Set(['core', 'self-check', 'style', 'precache', ...Object.values(HOSTS), ...views.map((v) => viewName(join(WWW, v)))]);
  const names = new Map([...found].sort().map((path) => [path, path.replace(/\.js$/, '').split('/').join('-')]));
  for (const [path, name] of names) if (reserved.has(name)) throw new Error(`${path}: its bundle pkg/${name}.js would replace another`);
  return names;
}

/** The view modules: what calculators.js imports dynamically. */
function viewsOf() {
  const text = readFileSync(join(WWW, 'calculators.js'), 'utf8');
  return [...text.matchAll(/import\('\.\/(views\/[^']+\.js)'\)/g)].map((m) => m[1]);
}

/**
 * Where an import goes: a module of core.js, a view or a module imported on
 * demand (`lazy`: path → bundle name) other than the one being built is left
 * as an import of that bundle; anything else is bundled in.
 */
function splitter(core, views, self, lazy) {
  return {
    name: 'split',
    setup(build) {
      build.onResolve({ filter: /^\.{1,2}\// }, async (args) => {
        if (!args.importer) return undefined;
        const path = rel(join(dirname(args.importer), args.path));
        if (path === self) return undefined;
        if (core.has(path)) return { path: './core.js', external: true };
        if (views.includes(path)) return { path: `./${viewName(join(WWW, path))}.js`, external: true };
        if (lazy.has(path)) return { path: `./${lazy.get(path)}.js`, external: true };
        return undefined;
      });
    },
  };
}

export async function bundle() {
  const views = viewsOf();
  if (!views.includes(FIRST_VIEW)) throw new Error(`calculators.js does not list ${FIRST_VIEW}`);
  const hosts = await closure(['calculators.js', FIRST_VIEW]);
  hosts.delete(FIRST_VIEW);
  const core = new Set([...hosts].filter((p) => !views.includes(p)));
  const lazy = await lazyOf(views, core);

  // The engine's glue (wasm-bindgen's output), minified where it is, and beside it the copy the
  // engine loads, pkg/<group>/glue.js: what engine.js calls (initSync and the calls), without
  // wasm-bindgen's own loader (engine.js fetches and compiles the module itself). First: the
  // bundles are then the newest files.
  // Each glue module is minified once, when wasm-bindgen has written it anew (esbuild's renaming is
  // not idempotent: minifying it again would rewrite it every time, leaving it newer than the
  // bundles, which stale() would take for a change); all of them before any glue.js, for the same reason.
  for (const glue of glues()) {
    if (mtime(glue) < mtime(join(dirname(glue), 'glue.js'))) continue;
    const text = readFileSync(glue, 'utf8');
    const { code } = await esbuild.transform(text, { minify: true, format: 'esm', charset: 'utf8', legalComments: 'none', target: 'es2022' });
    if (code !== text) writeFileSync(glue, code);
  }
  for (const glue of glues()) {
    // As a factory: each `createGlue()` runs the glue's code again, so its state (the
    // instance, the memory views) is new, and a fresh instance after a trap needs no fetch.
    const built = await esbuild.build({ ...COMMON, write: false, outfile: join(dirname(glue), 'glue.js'),
      stdin: { contents: `export { ${GLUE.join(', ')} } from './policy_calc.js';`, resolveDir: dirname(glue), sourcefile: 'engine-glue.js', loader: 'js' } });
    const body = built.outputFiles[0].text.trim();
    const exported = /export\s*\{([^}]*)\};?$/.exec(body);
    if (!exported) throw new Error(`${rel(glue)}: the glue's exports were not found`);
    const members = exported[1].split(',').map((e) => e.trim().split(/\s+as\s+/)).map(([local, name = local]) => `${name}:${local}`);
    writeFileSync(join(dirname(glue), 'glue.js'), `${EAGER}\nexport function createGlue(){${body.slice(0, exported.index)}return{${members.join(',')}}}\n`);
  }

  const builds = [];
  for (const [entry, name] of Object.entries(HOSTS)) {
    builds.push(esbuild.build({ ...AT_LOAD, entryPoints: { [name]: join(WWW, entry) }, outdir: PKG, plugins: [sourceUrls, splitter(core, views, entry, lazy)] }));
  }
  for (const view of views) {
    builds.push(esbuild.build({ ...AT_LOAD, entryPoints: { [viewName(join(WWW, view))]: join(WWW, view) }, outdir: PKG, plugins: [sourceUrls, splitter(core, views, view, lazy)] }));
  }
  for (const [path, name] of lazy) {
    builds.push(esbuild.build({ ...COMMON, entryPoints: { [name]: join(WWW, path) }, outdir: PKG, plugins: [sourceUrls, splitter(core, views, path, lazy)] }));
  }
  // The self-check page mounts no view: one file of its own.
  builds.push(esbuild.build({ ...COMMON, entryPoints: { 'self-check': join(WWW, 'self-check.js') }, outdir: PKG, plugins: [sourceUrls] }));
  // The styles: the page's (the shell, what the views share, the first tab), each view's own, the self-check page's.
  const styled = views.filter((v) => existsSync(join(WWW, v.replace(/\.js$/, '.css'))));
  checkStyled(styled);
  // A module imported on demand links its own, if it has any (<path>.css beside it, built into pkg/<its bundle's name>.css).
  const lazyStyled = [...lazy].filter(([path]) => existsSync(join(WWW, path.replace(/\.js$/, '.css'))));
  const styles = { style: 'style.css', 'self-check': 'self-check.css',
    ...Object.fromEntries(styled.map((v) => [viewName(join(WWW, v)), v.replace(/\.js$/, '.css')])),
    ...Object.fromEntries(lazyStyled.map(([path, name]) => [name, path.replace(/\.js$/, '.css')])) };
  builds.push(esbuild.build({ ...COMMON, entryPoints: Object.fromEntries(Object.entries(styles).map(([name, file]) => [name, join(WWW, file)])),
    outdir: PKG, loader: { '.css': 'css' } }));
  await Promise.all(builds);
  inlineStyle();
  // core.js last: the modules of the set with the exports the other bundles import from it (what none
  // imports and its own modules do not use is left out).
  const files = [...Object.values(HOSTS), ...views.map((v) => viewName(join(WWW, v))), ...lazy.values()].map((n) => join(PKG, `${n}.js`));
  await esbuild.build({
    ...AT_LOAD, outfile: join(PKG, 'core.js'),
    stdin: { contents: `export { ${[...importedFromCore(files)].sort().join(', ')} } from 'core:modules';`, resolveDir: WWW, sourcefile: 'core.js', loader: 'js' },
    plugins: [sourceUrls, splitter(new Set(), views, null, lazy), { name: 'core-modules', setup(b) {
      b.onResolve({ filter: /^core:modules$/ }, () => ({ path: 'modules', namespace: 'core' }));
      b.onLoad({ filter: /.*/, namespace: 'core' }, () => ({ contents: [...core].sort().map((p) => `export * from './${p}';`).join('\n'), resolveDir: WWW, loader: 'js' }));
    } }],
  });
  // What an earlier build wrote and this one did not (a view since removed).
  const written = new Set(['core.js', 'self-check.js', ...Object.keys(styles).map((n) => `${n}.css`), ...[...lazy.values()].map((n) => `${n}.js`),
    ...Object.values(HOSTS).map((n) => `${n}.js`), ...views.map((v) => `${viewName(join(WWW, v))}.js`)]);
  for (const f of readdirSync(PKG)) if (/\.(js|css)$/.test(f) && f !== 'precache.js' && !written.has(f)) rmSync(join(PKG, f));
  return { core: [...core].sort(), views, lazy: [...lazy.keys()] };
}

/**
 * index.html carries pkg/style.css in its one <style>, allowed by its hash in the page's
 * Content-Security-Policy (style-src): the shell's first paint then waits for no second round
 * trip, which on a slow link is the longest part of it. Rewritten only when the styles change;
 * the rest of index.html is the hand-written page. pkg/style.css stays for the other hosts.
 */
export function inlineStyle() {
  const page = join(WWW, 'index.html');
  const css = readFileSync(join(PKG, 'style.css'), 'utf8').trim();
  if (css.includes('<')) throw new Error('pkg/style.css: a "<" could end index.html\'s <style> early');
  const text = readFileSync(page, 'utf8');
  const styles = text.match(/<style>[^<]*<\/style>/g) ?? [];
  const policy = text.match(/style-src 'self'(?: 'sha256-[A-Za-z0-9+/=]+')?/g) ?? [];
  if (styles.length !== 1 || policy.length !== 1) throw new Error('index.html: expected one <style> and one style-src \'self\' in its Content-Security-Policy');
  const next = text.replace(styles[0], () => `<style>${css}</style>`).replace(policy[0], `style-src 'self' ${cspHash(css)}`);
  if (next !== text) writeFileSync(page, next);
}

/** The names the bundles `files` import from core.js (as esbuild writes them: `import{a as b,…}from"./core.js"`). */
function importedFromCore(files) {
  const names = new Set();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (/import\s*\*\s*as\s*\w+\s*from\s*"\.\/core\.js"|import\s*\(\s*"\.\/core\.js"/.test(text)) throw new Error(`${rel(file)}: imports the whole of core.js`);
    for (const [, list] of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"\.\/core\.js"/g)) {
      for (const item of list.split(',')) if (item.trim()) names.add(item.trim().split(/\s+as\s+/)[0]);
    }
  }
  return names;
}

/** Every script and stylesheet of www/ outside pkg/: what the bundles are made of. */
function sources(dir = WWW) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === PKG ? [] : sources(path);
    return /\.(js|css)$/.test(e.name) ? [path] : [];
  });
}

/** The engine's glue modules, pkg/<group>/policy_calc.js. */
const glues = () => readdirSync(PKG, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => join(PKG, e.name, 'policy_calc.js')).filter((f) => existsSync(f));

const mtime = (path) => { try { return statSync(path).mtimeMs; } catch { return -Infinity; } };

/** Whether a bundle is missing or older than a source, or than the engine's glue it minifies. */
export function stale() {
  const built = Math.min(...['app.js', 'core.js', 'embed.js', 'frame.js', 'self-check.js', 'style.css'].map((f) => mtime(join(PKG, f))),
    ...glues().map((g) => mtime(join(dirname(g), 'glue.js'))));
  return [...sources(), ...glues()].some((f) => mtime(f) > built);
}

/**
 * Bundles again (and rewrites the service worker's list) if a source changed
 * since the last build: the browser tests call it, so that they test what the
 * sources say. One process at a time (a lock directory in pkg/); the others wait.
 */
export async function ensureBundled() {
  // index.html's <style> follows pkg/style.css even when nothing else is to be built (a checkout
  // that brought an older index.html, say): it is rewritten only if it differs.
  if (!stale()) {
    inlineStyle();
    return false;
  }
  const lock = join(PKG, '.bundling');
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // Another process is bundling (or died doing so: a lock older than a minute is taken over).
      if (waited > 60_000 || Date.now() - mtime(lock) > 60_000) { rmSync(lock, { recursive: true, force: true }); continue; }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    if (!stale()) return false;
    await bundle();
    writePrecache(WWW);
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { core, views, lazy } = await bundle();
  const files = readdirSync(PKG).filter((f) => /\.(js|css)$/.test(f) && f !== 'precache.js').sort();
  console.log(`bundled into www/pkg/: ${files.join(', ')} (core.js: ${core.length} modules; ${views.length} views; ${lazy.length} imported on demand)`);
  // On its own (after editing www/), the service worker's list follows; scripts/build-wasm writes it last.
  if (!process.argv.includes('--no-precache')) {
    const list = writePrecache(WWW);
    console.log(`precache: ${list.files.length} files (www/pkg/precache.js)`);
  }
}
