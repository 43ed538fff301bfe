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
//   pkg/view-<id>.js                         one per calculator's view, imported
//                                            when that calculator is first shown
//   pkg/self-check.js                        the self-check page, self-contained
//   pkg/style.css                            www/style.css, minified
//
// and minifies the engine's glue modules (pkg/<group>/policy_calc.js) in place.
// A module's code lives in exactly one file, so state it keeps (an id counter,
// the engine) is one per page. The sources stay the modules the tests and the
// batch worker import; index.html preloads what its first tab needs.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as esbuild from 'esbuild';

const WWW = new URL('../www/', import.meta.url).pathname;
const PKG = join(WWW, 'pkg');
/** The hosts: entry → the bundle's name under pkg/. */
const HOSTS = { 'app.js': 'app', 'embed.js': 'embed', 'frame.js': 'frame' };
/** The view the page opens on (app.js: the first tab): what it imports goes into core.js, fetched with it. */
const FIRST_VIEW = 'views/forest-maintenance.js';
const COMMON = { bundle: true, format: 'esm', minify: true, charset: 'utf8', legalComments: 'none', logLevel: 'warning', target: 'es2022' };

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

/** The view modules: what calculators.js imports dynamically. */
function viewsOf() {
  const text = readFileSync(join(WWW, 'calculators.js'), 'utf8');
  return [...text.matchAll(/import\('\.\/(views\/[^']+\.js)'\)/g)].map((m) => m[1]);
}

/**
 * Where an import goes: a module of core.js or a view other than the one being
 * built is left as an import of that bundle; anything else is bundled in.
 */
function splitter(core, views, self) {
  return {
    name: 'split',
    setup(build) {
      build.onResolve({ filter: /^\.{1,2}\// }, async (args) => {
        if (!args.importer) return undefined;
        const path = rel(join(dirname(args.importer), args.path));
        if (path === self) return undefined;
        if (core.has(path)) return { path: './core.js', external: true };
        if (views.includes(path)) return { path: `./${viewName(join(WWW, path))}.js`, external: true };
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

  // The engine's glue (wasm-bindgen's output), minified where it is (first: the bundles are then the newest files).
  for (const glue of glues()) {
    const text = readFileSync(glue, 'utf8');
    const { code } = await esbuild.transform(text, { minify: true, format: 'esm', charset: 'utf8', legalComments: 'none', target: 'es2022' });
    if (code !== text) writeFileSync(glue, code);
  }

  const builds = [];
  // core.js: every module of the set with all its exports (the other bundles import them from it).
  builds.push(esbuild.build({
    ...COMMON, outfile: join(PKG, 'core.js'),
    stdin: { contents: [...core].sort().map((p) => `export * from './${p}';`).join('\n'), resolveDir: WWW, sourcefile: 'core.js', loader: 'js' },
    plugins: [sourceUrls, splitter(new Set(), views, null)],
  }));
  for (const [entry, name] of Object.entries(HOSTS)) {
    builds.push(esbuild.build({ ...COMMON, entryPoints: { [name]: join(WWW, entry) }, outdir: PKG, plugins: [sourceUrls, splitter(core, views, entry)] }));
  }
  for (const view of views) {
    builds.push(esbuild.build({ ...COMMON, entryPoints: { [viewName(join(WWW, view))]: join(WWW, view) }, outdir: PKG, plugins: [sourceUrls, splitter(core, views, view)] }));
  }
  // The self-check page mounts no view: one file of its own.
  builds.push(esbuild.build({ ...COMMON, entryPoints: { 'self-check': join(WWW, 'self-check.js') }, outdir: PKG, plugins: [sourceUrls] }));
  builds.push(esbuild.build({ ...COMMON, entryPoints: { style: join(WWW, 'style.css') }, outdir: PKG, loader: { '.css': 'css' } }));
  await Promise.all(builds);
  // What an earlier build wrote and this one did not (a view since removed).
  const written = new Set(['core.js', 'self-check.js', 'style.css', ...Object.values(HOSTS).map((n) => `${n}.js`), ...views.map((v) => `${viewName(join(WWW, v))}.js`)]);
  for (const f of readdirSync(PKG)) if (/\.(js|css)$/.test(f) && f !== 'precache.js' && !written.has(f)) rmSync(join(PKG, f));
  return { core: [...core].sort(), views };
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
  const built = Math.min(...['app.js', 'core.js', 'embed.js', 'frame.js', 'self-check.js', 'style.css'].map((f) => mtime(join(PKG, f))));
  return [...sources(), ...glues()].some((f) => mtime(f) > built);
}

/**
 * Bundles again (and rewrites the service worker's list) if a source changed
 * since the last build: the browser tests call it, so that they test what the
 * sources say. One process at a time (a lock directory in pkg/); the others wait.
 */
export async function ensureBundled() {
  if (!stale()) return false;
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
    const { writePrecache } = await import('./release.mjs');
    writePrecache(WWW);
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { core, views } = await bundle();
  const files = readdirSync(PKG).filter((f) => /\.(js|css)$/.test(f) && f !== 'precache.js').sort();
  console.log(`bundled into www/pkg/: ${files.join(', ')} (core.js: ${core.length} modules; ${views.length} views)`);
  // On its own (after editing www/), the service worker's list follows; scripts/build-wasm writes it last.
  if (!process.argv.includes('--no-precache')) {
    const { writePrecache } = await import('./release.mjs');
    const list = writePrecache(WWW);
    console.log(`precache: ${list.files.length} files (www/pkg/precache.js)`);
  }
}
