// The release for portals (scripts/package, after scripts/build-wasm): the
// tarball holds the static files, a manifest whose every hash is the file's,
// and EMBED.md whose integrity attributes are the manifest's; the same files
// give the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runInNewContext } from 'node:vm';

const ROOT = new URL('../../', import.meta.url).pathname;
const version = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m)[1];
const tarball = join(ROOT, 'dist', `policy-calc-${version}.tar.gz`);
const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const files = (dir) => readdirSync(dir, { recursive: true }).map(String)
  .filter((p) => statSync(join(dir, p)).isFile()).sort();

test('scripts/package: every file listed with its size and hash, EMBED.md pinned to them, the version of Cargo.toml, the same bytes twice', () => {
  execFileSync(join(ROOT, 'scripts/package'), { cwd: ROOT, stdio: 'pipe' });
  const first = readFileSync(tarball);
  const dir = mkdtempSync(join(tmpdir(), 'policy-calc-package-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
    assert.deepEqual(readdirSync(dir), [`policy-calc-${version}`], 'one top directory, named for the version');
    const top = join(dir, `policy-calc-${version}`);
    const manifest = JSON.parse(readFileSync(join(top, 'manifest.json'), 'utf8'));
    assert.equal(manifest.version, version);

    // Every file is listed (but the manifest itself), and every listing is the file's.
    assert.deepEqual(manifest.files.map((f) => f.path), files(top).filter((p) => p !== 'manifest.json'));
    for (const f of manifest.files) {
      const bytes = readFileSync(join(top, f.path));
      assert.equal(f.size, bytes.length, f.path);
      assert.equal(f.integrity, integrity(bytes), f.path);
      assert.match(f.integrity, /^sha384-[A-Za-z0-9+/]{64}$/);
    }
    const paths = new Set(manifest.files.map((f) => f.path));

    // What a portal serves, and nothing only the build or the tests use.
    for (const p of ['index.html', 'frame.html', 'pkg/embed.js', 'pkg/core.js', 'embed-host.js', 'engine.js', 'engine.d.ts', 'pool.js', 'pool-worker.js', 'pool.d.ts', 'sw.js', 'pkg/precache.js',
      'pkg/forest/policy_calc_bg.wasm', 'pkg/star/policy_calc_bg.wasm', 'pkg/five/policy_calc_bg.wasm', 'regulations/property-star-rating.md', 'EMBED.md']) {
      assert.ok(paths.has(p), p);
    }
    for (const p of paths) {
      assert.ok(!p.endsWith('.d.ts') || p === 'engine.d.ts' || p === 'pool.d.ts', p);
      assert.doesNotMatch(p, /^embed-demo\.|\.map$|^pkg\/.*\/(package\.json|README)/);
    }

    // The service worker's list is the copy's own files.
    const self = {};
    runInNewContext(readFileSync(join(top, 'pkg/precache.js'), 'utf8'), { self });
    assert.equal(self.PRECACHE.version, version);
    for (const f of self.PRECACHE.files) assert.equal(f.hash, manifest.files.find((m) => m.path === f.url)?.integrity, f.url);

    // EMBED.md: each script it pastes carries the manifest's integrity and crossorigin; the CSP allows WebAssembly.
    const embed = readFileSync(join(top, 'EMBED.md'), 'utf8');
    const tags = [...embed.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    assert.ok(tags.length >= 2, 'the custom element and the iframe host each load a script');
    const pinned = new Set();
    for (const tag of tags) {
      const src = tag.match(/\bsrc="\/policy-calc\/([^"]+)"/)?.[1];
      assert.ok(src && paths.has(src), tag);
      assert.equal(tag.match(/\bintegrity="([^"]+)"/)?.[1], manifest.files.find((f) => f.path === src).integrity, tag);
      assert.match(tag, /\bcrossorigin="anonymous"/);
      pinned.add(src);
    }
    assert.deepEqual([...pinned].sort(), ['embed-host.js', 'pkg/embed.js']);
    assert.match(embed, /<policy-calculator calculator="forest-maintenance" lang="zh"><\/policy-calculator>/);
    assert.match(embed, /<iframe data-policy-calculator [^>]*src="\/policy-calc\/frame\.html\?calculator=/);
    assert.match(embed, /script-src 'self' 'wasm-unsafe-eval'/);
    // The full page's own policy, with the hash of the stylesheet written into it.
    const css = /<style>([^<]*)<\/style>/.exec(readFileSync(join(top, 'index.html'), 'utf8'))[1];
    assert.ok(embed.includes(`style-src 'self' 'sha256-${createHash('sha256').update(css).digest('base64')}'`), 'EMBED.md gives index.html\'s policy');
    assert.ok(embed.includes(version));

    // The archive: sorted, fixed times, owned by 0.
    const listing = execFileSync('tar', ['--numeric-owner', '-tvzf', tarball], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }).trim().split('\n');
    const names = listing.map((l) => l.split(/\s+/).slice(5).join(' '));
    assert.deepEqual(names, [...names].sort());
    for (const line of listing) assert.match(line, /^\S+ 0\/0 +\d+ 2000-01-01 00:00 /, line);
    assert.equal(listing.filter((l) => !l.startsWith('d')).length, manifest.files.length + 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Reproducible: the same files again, the same bytes (gzip stores no name or time).
  execFileSync(join(ROOT, 'scripts/package'), { cwd: ROOT, stdio: 'pipe' });
  assert.ok(readFileSync(tarball).equals(first), 'a second run gives different bytes');
  assert.equal(relative(ROOT, tarball), `dist/policy-calc-${version}.tar.gz`);
});
