#!/usr/bin/env node
// Browser checks for scripts/site-checks.sh (adapted from our shared site-audit kit).
//
// Picks one page of each type from the built site (see pickPages), opens each
// in headless Chromium from file:// and over http (the site served under a
// subpath), in the light and the dark colour scheme, and records:
//   - axe-core violations (serious/critical fail the check; the rest are reported)
//   - console errors, uncaught exceptions/rejections, failed requests
//     (net errors and HTTP >= 400) and blocked non-local requests (all fail)
// With --screenshots DIR it also saves full-page PNGs of the same pages at
// 390 px and 1280 px, light and dark (from file://), down to 12,000 px at most.
//
// Usage: node browser.cjs --site DIR --out REPORT_DIR --http-base URL
//          [--screenshots DIR] [--concurrency N] [--chromium PATH] [--offline DIR]
// With --offline DIR (the site's offline copy, unpacked) the search check also
// runs there from file://: open the home page, search, open the first result.
// Writes REPORT_DIR/browser.json and REPORT_DIR/browser.txt; prints one JSON
// summary line on stdout; exit 0 = clean, 1 = problems, 2/3 = could not run.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

function parseArgs(argv) {
  const o = {
    site: null, out: null, httpBase: null, screenshots: null, offline: null, concurrency: 3,
    chromium: process.env.CHROMIUM || '/usr/bin/chromium', settle: 150, timeout: 30000,
  };
  const map = { '--site': 'site', '--out': 'out', '--http-base': 'httpBase', '--screenshots': 'screenshots', '--offline': 'offline',
    '--concurrency': 'concurrency', '--chromium': 'chromium', '--settle': 'settle', '--timeout': 'timeout' };
  for (let i = 2; i < argv.length; i++) {
    const k = map[argv[i]];
    if (!k || i + 1 >= argv.length) { console.error('unknown or incomplete argument: ' + argv[i]); process.exit(2); }
    o[k] = argv[++i];
  }
  for (const k of ['concurrency', 'settle', 'timeout']) o[k] = Number(o[k]);
  if (!o.site || !o.out || !o.httpBase) { console.error('need --site, --out and --http-base'); process.exit(2); }
  return o;
}

// One page of each type, discovered from the built folder (no entity names):
// every top-level .html file (index, timeline, sources, glossary, 404, ...),
// and for every first-level folder its index.html (if any) plus the first
// other .html file in name order (the first partner, framework, ...).
// The page types the site must have are listed in REQUIRED; a missing one is
// a failure.
const REQUIRED = ['index.html', '404.html', 'timeline.html', 'sources.html', 'glossary.html', 'search.html',
  'partners/index.html', 'frameworks/index.html', 'programmes/index.html', 'operations/index.html',
  'partners/*', 'frameworks/*', 'programmes/*', 'operations/*', 'pages/*'];

function pickPages(root) {
  const isHtml = n => /\.html?$/i.test(n);
  const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const entries = fs.readdirSync(root, { withFileTypes: true }).filter(e => !e.name.startsWith('.'));
  const top = entries.filter(e => e.isFile() && isHtml(e.name)).map(e => e.name).sort(byName);
  const pages = [];
  const types = {};
  if (top.includes('index.html')) { pages.push('index.html'); types['index.html'] = 'index.html'; }
  for (const dir of entries.filter(e => e.isDirectory()).map(e => e.name).sort(byName)) {
    const files = fs.readdirSync(path.join(root, dir), { withFileTypes: true })
      .filter(e => e.isFile() && isHtml(e.name)).map(e => e.name).sort(byName);
    if (files.includes('index.html')) { pages.push(dir + '/index.html'); types[dir + '/index.html'] = dir + '/index.html'; }
    const first = files.find(f => f !== 'index.html');
    if (first) { pages.push(dir + '/' + first); types[dir + '/*'] = dir + '/' + first; }
  }
  for (const f of top) if (f !== 'index.html') { pages.push(f); types[f] = f; }
  const missing = REQUIRED.filter(t => !types[t]);
  return { pages, missing };
}

async function main() {
  const o = parseArgs(process.argv);
  const nm = path.join(__dirname, 'node_modules');
  const { chromium } = require(path.join(nm, 'playwright-core'));
  const axeSource = fs.readFileSync(path.join(nm, 'axe-core', 'axe.min.js'), 'utf8');
  const siteRoot = fs.realpathSync(o.site);
  const { pages, missing } = pickPages(siteRoot);
  fs.mkdirSync(o.out, { recursive: true });
  if (o.screenshots) fs.mkdirSync(o.screenshots, { recursive: true });

  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'site-checks-chromium-'));
  const t0 = Date.now();
  let ctx;
  try {
    ctx = await chromium.launchPersistentContext(udd, {
      executablePath: o.chromium,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage'],
    });
  } catch (e) {
    fs.rmSync(udd, { recursive: true, force: true });
    throw e;
  }
  const version = ctx.browser() ? ctx.browser().version() : 'unknown';
  const httpOrigin = new URL(o.httpBase).origin;
  const isLocal = u => u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:') ||
    u.startsWith('about:') || u.startsWith(httpOrigin + '/');
  // Hermetic: every request that is not the site itself is aborted (and counted).
  await ctx.route(u => !isLocal(u.toString()), route => route.abort('blockedbyclient'));

  const offlineRoot = o.offline ? fs.realpathSync(o.offline) : null;
  const toUrl = (rel, mode) => mode === 'file'
    ? 'file://' + encodeURI(path.join(siteRoot, rel))
    : mode === 'offline'
      ? 'file://' + encodeURI(path.join(offlineRoot, rel))
      : new URL(encodeURI(rel), o.httpBase).toString();

  const jobs = [];
  for (const rel of pages) for (const mode of ['file', 'http']) for (const scheme of ['light', 'dark']) jobs.push({ rel, mode, scheme });

  async function runJob({ rel, mode, scheme }) {
    const url = toUrl(rel, mode);
    const r = { page: rel, mode, scheme, url, console_errors: [], page_errors: [], failed_requests: [],
      blocked_external: [], axe: [], nav_error: null };
    const page = await ctx.newPage();
    let phase = 'load';
    const httpErrored = new Set();
    page.on('console', m => {
      if (phase === 'axe' || m.type() !== 'error') return;
      const text = m.text();
      if (/^Failed to load resource/.test(text)) return; // counted as a failed request
      const loc = m.location() || {};
      r.console_errors.push(text.slice(0, 400) + (loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''));
    });
    page.on('pageerror', e => { if (phase !== 'axe') r.page_errors.push(String(e.message || e).slice(0, 400)); });
    page.on('requestfailed', q => {
      if (phase === 'axe') return;
      const f = q.failure() ? q.failure().errorText : '';
      if (!isLocal(q.url())) { r.blocked_external.push(q.url()); return; }
      if (f === 'net::ERR_ABORTED' && httpErrored.has(q.url())) return; // already counted as HTTP >= 400
      r.failed_requests.push(`${q.resourceType()} ${q.url()} ${f}`);
    });
    page.on('response', resp => {
      if (phase === 'axe' || resp.status() < 400) return;
      httpErrored.add(resp.url());
      r.failed_requests.push(`${resp.request().resourceType()} ${resp.url()} HTTP ${resp.status()}`);
    });
    let inflight = 0, lastNet = Date.now();
    page.on('request', () => { inflight++; lastNet = Date.now(); });
    const fin = () => { inflight = Math.max(0, inflight - 1); lastNet = Date.now(); };
    page.on('requestfinished', fin);
    page.on('requestfailed', fin);
    try {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(url, { waitUntil: 'load', timeout: o.timeout });
      // settle: no request in flight for `settle` ms (at most 10 x settle)
      const cap = Date.now() + 10 * o.settle;
      while (Date.now() < cap && (inflight > 0 || Date.now() - lastNet < o.settle)) await page.waitForTimeout(30);
      phase = 'axe';
      await page.evaluate(axeSource);
      // preload reads stylesheets through fetch, which file:// refuses (CORS noise)
      r.axe = await page.evaluate(async (preload) => {
        const res = await window.axe.run(document, { resultTypes: ['violations'], preload });
        return res.violations.map(v => ({
          id: v.id, impact: v.impact || 'minor', help: v.help, node_count: v.nodes.length,
          nodes: v.nodes.slice(0, 8).map(n => ({ target: n.target.join(' '), html: n.html.slice(0, 160),
            summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 240) })),
        }));
      }, mode !== 'file');
    } catch (e) {
      r.nav_error = String(e.message || e).split('\n')[0];
    } finally {
      phase = 'axe';
      await page.close().catch(() => {});
    }
    return r;
  }

  async function pool(items, fn) {
    const out = [];
    let next = 0;
    await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, async () => {
      while (next < items.length) { const it = items[next++]; out.push(await fn(it)); }
    }));
    return out;
  }

  const results = await pool(jobs, runJob);

  // Search, end to end, from file:// and over http: type the first word of the
  // index's first title (from its first card shard, loaded the way search.js
  // loads shards) into the header form of the home page, submit, expect
  // search.html to list results, check them with axe, then open the first result.
  async function searchSmoke(mode) {
    const r = { mode, query: null, results: 0, opened: null, errors: [], axe: [] };
    const page = await ctx.newPage();
    page.on('pageerror', e => r.errors.push('uncaught ' + String(e.message || e).slice(0, 300)));
    try {
      await page.goto(toUrl('index.html', mode), { waitUntil: 'load', timeout: o.timeout });
      await page.goto(toUrl('search.html', mode), { waitUntil: 'load', timeout: o.timeout });
      r.query = await page.evaluate(() => new Promise((resolve) => {
        const manifest = window.searchIndex;
        if (!manifest || !manifest.cards || !manifest.cards.length) return resolve(null);
        const handOn = window.searchShard;
        window.searchShard = (shard, cards) => {
          window.searchShard = handOn;
          resolve(cards.length ? cards[0].title.split(/\s+/)[0] : null);
        };
        const script = document.createElement('script');
        script.src = manifest.cards[0];
        script.onerror = () => resolve(null);
        document.head.appendChild(script);
      }));
      if (!r.query) throw new Error('search-index.js did not load on search.html');
      await page.goto(toUrl('index.html', mode), { waitUntil: 'load', timeout: o.timeout });
      await page.fill('#site-q', r.query);
      await Promise.all([page.waitForURL(/search\.html\?q=/, { timeout: o.timeout }), page.press('#site-q', 'Enter')]);
      await page.waitForSelector('#search-results li a', { timeout: o.timeout });
      r.results = await page.locator('#search-results li').count();
      const status = await page.textContent('#search-status');
      if (!/result/.test(status || '')) r.errors.push(`status reads "${status}"`);
      await page.evaluate(axeSource);
      r.axe = await page.evaluate(async (preload) => {
        const res = await window.axe.run(document, { resultTypes: ['violations'], preload });
        return res.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(v => `${v.id}: ${v.help}`);
      }, mode !== 'file');
      const first = page.locator('#search-results li a').first();
      const href = await first.getAttribute('href');
      const response = await Promise.all([page.waitForLoadState('load'), first.click()]).then(() => page.url());
      r.opened = response;
      if (/404\.html$/.test(response) || !response.includes(href.split('#')[0])) r.errors.push(`first result ${href} opened ${response}`);
    } catch (e) {
      r.errors.push(String(e.message || e).split('\n')[0]);
    } finally {
      await page.close().catch(() => {});
    }
    return r;
  }
  // The map through the years (map.html with map.js): the year buttons recolour
  // the map and keep the year in the address; an address with a year opens on it.
  async function mapSmoke(mode) {
    const r = { mode, checked: false, errors: [] };
    if (!fs.existsSync(path.join(siteRoot, 'map.html'))) return r;
    const page = await ctx.newPage();
    page.on('pageerror', e => r.errors.push('uncaught ' + String(e.message || e).slice(0, 300)));
    try {
      await page.goto(toUrl('map.html', mode), { waitUntil: 'load', timeout: o.timeout });
      if (await page.locator('.map-controls').count() === 0) return r;
      await page.waitForSelector('.map-controls:not([hidden])', { timeout: o.timeout });
      const end = Number(await page.getAttribute('#map-year', 'max'));
      const before = await page.evaluate(() => [...document.querySelectorAll('.world [data-iso]')].map(e => e.getAttribute('class')).join());
      for (let i = 0; i < 10; i++) await page.click('.map-step[data-step="-1"]');
      const value = Number(await page.inputValue('#map-year'));
      if (value !== end - 10) r.errors.push(`slider at ${value} after ten steps back from ${end}`);
      if (!page.url().endsWith('#year=' + (end - 10))) r.errors.push(`address ${page.url()} does not keep the year`);
      const after = await page.evaluate(() => [...document.querySelectorAll('.world [data-iso]')].map(e => e.getAttribute('class')).join());
      if (after === before) r.errors.push('ten years back, the map is unchanged');
      await page.goto(toUrl('map.html', mode) + '#year=' + (end - 20), { waitUntil: 'load', timeout: o.timeout });
      await page.reload({ waitUntil: 'load', timeout: o.timeout });
      const opened = Number(await page.inputValue('#map-year'));
      if (opened !== end - 20) r.errors.push(`#year=${end - 20} opened on ${opened}`);
      r.checked = true;
    } catch (e) {
      r.errors.push(String(e.message || e).split('\n')[0]);
    } finally {
      await page.close().catch(() => {});
    }
    return r;
  }
  const maps = [await mapSmoke('file'), await mapSmoke('http')];
  const search = [await searchSmoke('file'), await searchSmoke('http')];
  if (offlineRoot) search.push(await searchSmoke('offline'));
  const order = j => pages.indexOf(j.page) * 4 + (j.mode === 'file' ? 0 : 2) + (j.scheme === 'light' ? 0 : 1);
  results.sort((a, b) => order(a) - order(b));

  // screenshots: file://, 390 and 1280 px wide, light and dark, full page (up to
  // SHOT_MAX_HEIGHT px)
  const SHOT_MAX_HEIGHT = 12000;
  const shots = [];
  if (o.screenshots) {
    const sjobs = [];
    for (const rel of pages) for (const width of [390, 1280]) for (const scheme of ['light', 'dark']) sjobs.push({ rel, width, scheme });
    await pool(sjobs, async ({ rel, width, scheme }) => {
      const page = await ctx.newPage();
      try {
        await page.setViewportSize({ width, height: width < 600 ? 844 : 800 });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(toUrl(rel, 'file'), { waitUntil: 'load', timeout: o.timeout });
        const file = path.join(o.screenshots, `${rel.replace(/\.html?$/i, '').replace(/[\/\\]/g, '__')}.${width}.${scheme}.png`);
        // A page taller than a few screens (the print edition) is shot down to
        // SHOT_MAX_HEIGHT: the whole of it takes Chromium longer than the timeout.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const clip = height > SHOT_MAX_HEIGHT ? { x: 0, y: 0, width, height: SHOT_MAX_HEIGHT } : undefined;
        await page.screenshot({ path: file, fullPage: true, clip, timeout: o.timeout });
        shots.push(file);
      } catch (e) {
        shots.push(`FAILED ${rel} ${width} ${scheme}: ${String(e.message || e).split('\n')[0]}`);
      } finally { await page.close().catch(() => {}); }
    });
  }
  await ctx.close();
  fs.rmSync(udd, { recursive: true, force: true });

  // ---- summary
  const fatalAxe = v => v.impact === 'serious' || v.impact === 'critical';
  const count = (f) => results.reduce((s, r) => s + f(r), 0);
  const summary = {
    chromium: version, pages, missing_page_types: missing, loads: results.length,
    elapsed_s: +((Date.now() - t0) / 1000).toFixed(1),
    console_errors: count(r => r.console_errors.length), uncaught: count(r => r.page_errors.length),
    failed_requests: count(r => r.failed_requests.length), blocked_external: count(r => r.blocked_external.length),
    nav_errors: count(r => r.nav_error ? 1 : 0),
    axe_serious_critical: count(r => r.axe.filter(fatalAxe).length),
    axe_other: count(r => r.axe.filter(v => !fatalAxe(v)).length),
    screenshots: o.screenshots ? shots.filter(s => !s.startsWith('FAILED')).length : null,
    screenshot_failures: shots.filter(s => s.startsWith('FAILED')),
  };
  summary.map = maps.map(r => ({ mode: r.mode, checked: r.checked, errors: r.errors }));
  const mapFailures = maps.reduce((n, r) => n + r.errors.length, 0);
  summary.search = search.map(r => ({ mode: r.mode, query: r.query, results: r.results, errors: r.errors.length + r.axe.length }));
  const searchFailures = search.reduce((n, r) => n + r.errors.length + r.axe.length + (r.results > 0 ? 0 : 1), 0);
  summary.failures = missing.length + summary.console_errors + summary.uncaught + summary.failed_requests +
    summary.blocked_external + summary.nav_errors + summary.axe_serious_critical + summary.screenshot_failures.length +
    searchFailures + mapFailures;
  fs.writeFileSync(path.join(o.out, 'browser.json'), JSON.stringify({ summary, results }, null, 1));

  // human-readable: axe grouped by rule, with the pages/modes/schemes and selectors
  const L = [];
  L.push(`chromium ${version}; ${pages.length} pages x file/http x light/dark = ${results.length} loads; ${summary.elapsed_s} s`);
  L.push(`pages: ${pages.join(', ')}`);
  for (const m of missing) L.push(`MISSING PAGE TYPE: ${m} (no such file in the built site)`);
  for (const r of results) {
    const tag = `${r.page} [${r.mode},${r.scheme}]`;
    if (r.nav_error) L.push(`${tag}: NAVIGATION ERROR ${r.nav_error}`);
    for (const c of r.console_errors) L.push(`${tag}: console.error ${c}`);
    for (const c of r.page_errors) L.push(`${tag}: uncaught ${c}`);
    for (const c of r.failed_requests) L.push(`${tag}: failed request ${c}`);
    for (const c of r.blocked_external) L.push(`${tag}: non-local request (blocked) ${c}`);
  }
  const rules = {};
  for (const r of results) for (const v of r.axe) {
    const k = v.id;
    rules[k] = rules[k] || { id: k, impact: v.impact, help: v.help, where: [], selectors: new Map() };
    rules[k].where.push(`${r.page} [${r.mode},${r.scheme}] x${v.node_count}`);
    for (const n of v.nodes) if (!rules[k].selectors.has(n.target)) rules[k].selectors.set(n.target, `${r.page}: ${n.target}  ${n.html}  -- ${n.summary}`);
  }
  const rank = { critical: 0, serious: 1, moderate: 2, minor: 3 };
  for (const v of Object.values(rules).sort((a, b) => rank[a.impact] - rank[b.impact])) {
    L.push(`\naxe ${v.impact.toUpperCase()} ${v.id}: ${v.help}${fatalAxe(v) ? '' : ' (reported, not fatal)'}`);
    L.push(`  on ${v.where.length} page load(s): ${v.where.slice(0, 12).join('; ')}${v.where.length > 12 ? '; ...' : ''}`);
    for (const s of [...v.selectors.values()].slice(0, 15)) L.push(`  - ${s}`);
    if (v.selectors.size > 15) L.push(`  - ... ${v.selectors.size - 15} more selectors in browser.json`);
  }
  for (const r of maps) {
    L.push(`\nmap [${r.mode}]: ${r.checked ? 'year buttons, address and #year checked' : 'not checked (no map.html or no controls)'}`);
    for (const e of r.errors) L.push(`  ${e}`);
  }
  for (const r of search) {
    L.push(`\nsearch [${r.mode}]: "${r.query}" gave ${r.results} result(s); first opened ${r.opened}`);
    for (const e of r.errors) L.push(`  SEARCH ERROR ${e}`);
    for (const e of r.axe) L.push(`  SEARCH AXE ${e}`);
  }
  for (const s of summary.screenshot_failures) L.push(s);
  fs.writeFileSync(path.join(o.out, 'browser.txt'), L.join('\n') + '\n');
  process.stdout.write(JSON.stringify(summary) + '\n');
  process.exit(summary.failures ? 1 : 0);
}

main().catch(e => { console.error('browser.cjs failed:', e && e.stack || e); process.exit(3); });
