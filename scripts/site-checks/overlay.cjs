#!/usr/bin/env node
// The error overlay of `natopartners serve`, checked in headless Chromium: a page
// served while the build fails must show the overlay, pass axe-core with no serious
// or critical violation in the light and the dark colour scheme, move focus to the
// overlay, and hide it with its button from the keyboard.
//
// Usage: node overlay.cjs URL   (a page of a running `serve` whose build fails)
// Exit 0 = clean, 1 = problems, 2 = could not run.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

(async () => {
  const url = process.argv[2];
  if (!url) { console.error('usage: node overlay.cjs URL'); process.exit(2); }
  const nm = path.join(__dirname, 'node_modules');
  const { chromium } = require(path.join(nm, 'playwright-core'));
  const axeSource = fs.readFileSync(path.join(nm, 'axe-core', 'axe.min.js'), 'utf8');
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'overlay-chromium-'));
  const problems = [];
  let ctx;
  try {
    ctx = await chromium.launchPersistentContext(udd, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage'],
    });
    for (const scheme of ['light', 'dark']) {
      const page = await ctx.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      const errors = [];
      page.on('pageerror', e => errors.push(String(e.message || e)));
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(200);
      const state = await page.evaluate(() => {
        const overlay = document.getElementById('natopartners-build-errors');
        if (!overlay) return null;
        return {
          focused: document.activeElement === overlay,
          items: overlay.querySelectorAll('li').length,
          button: !!overlay.querySelector('button:not([hidden])'),
        };
      });
      if (!state) { problems.push(`${scheme}: no overlay on ${url}`); await page.close(); continue; }
      if (!state.items) problems.push(`${scheme}: the overlay lists no diagnostic`);
      if (!state.focused) problems.push(`${scheme}: focus did not move to the overlay`);
      if (!state.button) problems.push(`${scheme}: the Hide button is not shown`);
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const res = await window.axe.run(document.getElementById('natopartners-build-errors'),
          { resultTypes: ['violations'] });
        return res.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      for (const v of violations) {
        const line = `${scheme}: axe ${v.impact} ${v.id} (${v.nodes} node(s))`;
        if (v.impact === 'serious' || v.impact === 'critical') problems.push(line);
        else console.log('note: ' + line);
      }
      // Keyboard: Tab reaches the Hide button; Enter hides the overlay.
      await page.keyboard.press('Tab');
      const onButton = await page.evaluate(() => document.activeElement &&
        document.activeElement.closest('#natopartners-build-errors') !== null &&
        document.activeElement.tagName === 'BUTTON');
      if (!onButton) problems.push(`${scheme}: Tab from the overlay does not reach its Hide button`);
      await page.keyboard.press('Enter');
      const hidden = await page.evaluate(() => document.getElementById('natopartners-build-errors').hidden);
      if (!hidden) problems.push(`${scheme}: Enter on Hide does not hide the overlay`);
      for (const e of errors) problems.push(`${scheme}: page error: ${e}`);
      await page.close();
    }
  } catch (e) {
    console.error('could not run: ' + (e && e.message || e));
    process.exit(2);
  } finally {
    if (ctx) await ctx.close();
    fs.rmSync(udd, { recursive: true, force: true });
  }
  if (problems.length) {
    for (const p of problems) console.error(p);
    process.exit(1);
  }
  console.log(`overlay ok: light and dark, axe clean, focus and keyboard work (${url})`);
})();
