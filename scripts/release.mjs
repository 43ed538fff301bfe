// The files a copy of the calculators serves, and what is written about them:
//
//   node scripts/release.mjs precache      www/pkg/precache.js, the list the
//                                          service worker (www/sw.js) keeps for
//                                          offline use (run by scripts/build-wasm)
//   node scripts/release.mjs stage DIR     DIR/: the release for portals, with
//                                          manifest.json and EMBED.md (run by
//                                          scripts/package, which makes the tarball)
//
// Both lists are read from the files that exist under www/ after the build, so
// they follow whatever the build produces. Hashes are Subresource Integrity
// strings (sha384-<base64>), which a browser checks itself.

import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
export const WWW = join(ROOT, 'www');

/** The crate's version, from the [package] table of Cargo.toml. */
export function cargoVersion() {
  const toml = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  const pkg = toml.split(/^\[/m).find((t) => t.startsWith('package]'));
  const version = pkg?.match(/^version\s*=\s*"([^"]+)"/m)?.[1];
  if (!version) throw new Error('Cargo.toml: no [package] version');
  return version;
}

/** `sha384-<base64>` of some bytes: an integrity attribute's value. */
export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** `'sha256-<base64>'` of an inline element's text: the source a Content-Security-Policy allows it by. */
export const cspHash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Every file under `dir`, as sorted paths relative to it with `/`; dot files are left out. */
function walk(dir, prefix = '') {
  const out = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const path = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(dir, path));
    else if (e.isFile()) out.push(path);
  }
  return out.sort();
}

/** Never served to a visitor: the mock portal, source maps, wasm-pack's package files. */
const neverServed = (path) => /^embed-demo\./.test(path) || path.endsWith('.map')
  || /^pkg\/.*\/(package\.json|README[^/]*|LICENSE[^/]*)$/.test(path);

/**
 * The scripts of www/ that a browser loads as they are: the service worker,
 * the iframe host's helper, the engine (for a portal's own form), the engine
 * pool with its worker (for a portal's programs with many requests) and the
 * batch worker, with what they import. Every other module of www/ (outside pkg/)
 * reaches the browser inside the bundles of pkg/ (scripts/bundle.mjs), so a
 * copy for visitors leaves it out.
 */
function loadedAsIs(root, files) {
  const have = new Set(files);
  const keep = new Set();
  const queue = ['sw.js', 'embed-host.js', 'engine.js', 'pool.js', 'pool-worker.js', 'batch-worker.js'];
  while (queue.length) {
    const file = queue.pop();
    if (keep.has(file) || !have.has(file)) continue;
    keep.add(file);
    const text = readFileSync(join(root, file), 'utf8');
    for (const [, from] of text.matchAll(/^import\b[^'"]*['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      queue.push(new URL(from, `http://x/${file}`).pathname.slice(1));
    }
  }
  return keep;
}

/**
 * The served files of `root`: all but the never-served, the modules only
 * bundles carry and the stylesheets made into pkg/ (every page links those).
 */
function served(root) {
  const files = walk(root).filter((p) => !neverServed(p));
  const keep = loadedAsIs(root, files);
  return files.filter((p) => p.startsWith('pkg/') || (!p.endsWith('.js') && !p.endsWith('.css')) || keep.has(p));
}

/**
 * What a visit may need, kept by the service worker: every served file (the
 * bundles, not the modules they are made of) but the type declarations, the
 * worker itself and its list (the browser keeps those), wasm-bindgen's whole
 * glue (the engine loads pkg/<group>/glue.js, scripts/bundle.mjs) and what
 * only programs with many requests load, no page: the fast module, pkg/fast/,
 * and the engine pool (pool.js, pool-worker.js).
 */
export const precacheFiles = (root = WWW) => served(root)
  .filter((p) => !p.endsWith('.d.ts') && p !== 'sw.js' && p !== 'pkg/precache.js'
    && !/^pkg\/[^/]+\/policy_calc\.js$/.test(p) && !p.startsWith('pkg/fast/') && p !== 'pool.js' && p !== 'pool-worker.js');

/**
 * What a portal copies: every served file, the service worker and its list
 * included; of the type declarations only the APIs' (engine.d.ts, pool.d.ts),
 * not the build's own.
 */
export const releaseFiles = (root = WWW) => served(root)
  .filter((p) => !p.endsWith('.d.ts') || p === 'engine.d.ts' || p === 'pool.d.ts');

/**
 * The service worker's list: `{version, build, files: [{url, hash}]}`. `build`
 * digests the version, every file with its hash and the worker's own code, so
 * any rebuild that changes a byte of them is a new cache.
 */
export function precacheList(root = WWW) {
  const version = cargoVersion();
  const files = precacheFiles(root).map((url) => ({ url, hash: sri(readFileSync(join(root, url))) }));
  const digest = createHash('sha256').update(`${version}\n`);
  for (const f of files) digest.update(`${f.url} ${f.hash}\n`);
  digest.update(`sw.js ${sri(readFileSync(join(root, 'sw.js')))}\n`);
  return { version, build: digest.digest('hex').slice(0, 16), files };
}

/**
 * Writes www/pkg/precache.js: a classic script the worker imports, so that the
 * browser's own update check (which compares the worker and what it imports)
 * sees a new build.
 */
export function writePrecache(root = WWW) {
  const list = precacheList(root);
  writeFileSync(join(root, 'pkg/precache.js'),
    '// Written by scripts/build-wasm: what the service worker (sw.js) keeps for offline use.\n'
    + `self.PRECACHE = {"version": ${JSON.stringify(list.version)}, "build": ${JSON.stringify(list.build)}, "files": [\n`
    + list.files.map((f) => ` ${JSON.stringify(f)}`).join(',\n')
    + '\n]};\n');
  return list;
}

/** Where the README's examples put the copy on a portal's site. */
export const BASE = '/policy-calc/';

/** The Content-Security-Policy a host page needs for each way of embedding. */
export const CSP = {
  element: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'",
  iframe: "default-src 'self'; script-src 'self'; frame-src 'self'",
};

/**
 * The Content-Security-Policy of a page's own <meta> (index.html: with the hash of the stylesheet
 * scripts/bundle.mjs writes into it, which must be the one the page carries).
 */
export function pagePolicyOf(html) {
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  if (!policy) throw new Error('index.html has no Content-Security-Policy <meta>');
  for (const [, css] of html.matchAll(/<style>([^<]*)<\/style>/g)) {
    if (!policy[1].includes(cspHash(css))) {
      throw new Error('index.html: its policy does not allow its <style> (node scripts/bundle.mjs writes both)');
    }
  }
  return policy[1];
}

/** EMBED.md: the snippets a portal pastes, with the integrity of each script they load, and the full page's own policy. */
export function embedMarkdown(version, hashes, pagePolicy) {
  const tag = (file) => `<script type="module" src="${BASE}${file}"\n        integrity="${hashes.get(file)}" crossorigin="anonymous"></script>`;
  return `# Embedding the Yinchuan policy calculators ${version}

Copy this directory to your site, e.g. at \`${BASE}\` (the snippets below assume
that path; change it in the snippets if yours differs — the integrity values stay
the same). The files are static and call nowhere else. \`manifest.json\` lists every
file with its size and its SHA-384 hash, to check a deployed copy against.

Calculators (\`calculator=\`): \`forest-construction\`, \`forest-maintenance\`,
\`property-star\`, \`five-strong\`, \`five-strong-ranking\`; \`lang\` is \`zh\` (the
default) or \`en\`.

## A custom element

The calculator in a shadow root, so that the portal's CSS cannot reach it. One
module script, then the element wherever it should appear:

\`\`\`html
${tag('pkg/embed.js')}

<policy-calculator calculator="forest-maintenance" lang="zh"></policy-calculator>
\`\`\`

The element fires \`policy-calculator-ready\` when mounted. The page needs this
Content-Security-Policy (no inline script or style is used; WebAssembly needs
\`'wasm-unsafe-eval'\`):

\`\`\`
${CSP.element}
\`\`\`

## An iframe

The calculator in a frame that reports its height to the portal's origin
(the \`origin\` parameter); \`embed-host.js\` sizes the frame:

\`\`\`html
<iframe data-policy-calculator title="生态公益林养护管理补偿计算器"
        src="${BASE}frame.html?calculator=forest-maintenance&amp;lang=zh&amp;origin=https://portal.example"></iframe>
${tag('embed-host.js')}
\`\`\`

The page needs (the frame brings its own policy, with \`'wasm-unsafe-eval'\`):

\`\`\`
${CSP.iframe}
\`\`\`

## Served from another origin

If the copy is served from another origin than the portal's pages (a static
host, a CDN), add that origin beside \`'self'\` in \`script-src\`,
\`style-src\`, \`connect-src\` and \`frame-src\`, and serve the files with
\`Access-Control-Allow-Origin\` (the scripts are modules, loaded with
\`crossorigin\`), \`.wasm\` as \`application/wasm\`.

The integrity attribute pins the file the script tag names (an iframe takes
none); the modules it imports and the frame's files come from beside it, so check the whole copy against \`manifest.json\`
when deploying, e.g.:

\`\`\`sh
node -e 'const {createHash}=require("crypto"),fs=require("fs");for(const f of require("./manifest.json").files)if("sha384-"+createHash("sha384").update(fs.readFileSync(f.path)).digest("base64")!==f.integrity)process.exitCode=1,console.error("changed:",f.path)'
\`\`\`

## The full page

\`index.html\` is the whole page with all five calculators; \`sw.js\` lets it work
offline after one visit. Its stylesheet is written into it, allowed by its hash in
the policy of its own \`<meta>\`; a server that sends a Content-Security-Policy
header for it must allow the same:

\`\`\`
${pagePolicy}
\`\`\`

The engine can also be used directly (\`engine.js\`,
typed in \`engine.d.ts\`) to build a form of your own from its catalog.
`;
}

/**
 * Stages the release in `dir`: the files of releaseFiles() with the worker's
 * list made from them, EMBED.md, and manifest.json listing every file (EMBED.md too) with its size and integrity.
 */
export function stage(dir, root = WWW) {
  const version = cargoVersion();
  const files = releaseFiles(root);
  for (const path of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    copyFileSync(join(root, path), join(dir, path));
  }
  // The worker's list, from the copied files themselves (www/ may have changed since the build).
  writePrecache(dir);
  const hashes = new Map(files.map((path) => [path, sri(readFileSync(join(dir, path)))]));
  writeFileSync(join(dir, 'EMBED.md'), embedMarkdown(version, hashes, pagePolicyOf(readFileSync(join(dir, 'index.html'), 'utf8'))));
  const listed = [...files, 'EMBED.md'].sort();
  const manifest = {
    name: 'yinchuan-policy-calc',
    version,
    files: listed.map((path) => {
      const bytes = readFileSync(join(dir, path));
      return { path, size: bytes.length, integrity: sri(bytes) };
    }),
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [command, arg] = process.argv.slice(2);
  if (command === 'precache') {
    const list = writePrecache();
    console.log(`precache: ${list.files.length} files, version ${list.version}, build ${list.build} (www/pkg/precache.js)`);
  } else if (command === 'stage' && arg) {
    const m = stage(arg);
    console.log(`staged ${m.files.length} files of ${m.version}`);
  } else if (command === 'version') {
    console.log(cargoVersion());
  } else {
    console.error('usage: node scripts/release.mjs precache | stage DIR | version');
    process.exit(2);
  }
}
