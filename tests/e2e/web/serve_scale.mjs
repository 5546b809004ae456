// Times the screening page and the literature search of `carta serve` in
// headless Chromium on a project of any size (bench/serve_scale.sh serves
// 100,000 records): sign-in until the first record shows (the server loads
// the project's records on its first screening request), a reload until it
// shows again (loaded), DECISIONS decisions by key ('i' and 'e' in turn),
// each until the next record shows, and SEARCHES literature searches, each
// until the count shows. Prints the times as JSON on stdout; fails (exit 1)
// only when the page does not work (an error shown, a record that never
// changes), never on a time.
// Usage: node serve_scale.mjs URL TOKEN [DECISIONS] [SEARCHES]
import { chromium } from 'playwright-core';

const [url, token, decisionsArg, searchesArg] = process.argv.slice(2);
const decisions = Number(decisionsArg ?? 10);
const searches = ['lymphoma', 'survival AND patients', 'response[tiab] OR remission[tiab]'].slice(0, Number(searchesArg ?? 3));
const timeout = 600000;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const failures = [];
const times = { decisions_ms: [], searches_ms: [] };
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const shown = () => page.evaluate(() => document.getElementById('rec-title').dataset.record ?? '');

  let t = Date.now();
  await page.goto(url + '#screen');
  await page.fill('#token', token);
  await page.click('#token-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('rec-title').dataset.record, null, { timeout });
  times.first_record_ms = Date.now() - t;

  t = Date.now();
  await page.reload();
  await page.waitForFunction(() => document.getElementById('rec-title').dataset.record, null, { timeout });
  times.reload_first_record_ms = Date.now() - t;

  for (let i = 0; i < decisions; ++i) {
    const before = await shown();
    await page.locator('#rec-title').click();
    t = Date.now();
    await page.keyboard.press(i % 2 === 0 ? 'i' : 'e');
    await page.waitForFunction((r) => document.getElementById('rec-title').dataset.record !== r &&
                               document.getElementById('screen-status').textContent.startsWith('#' + r), before,
                               { timeout });
    times.decisions_ms.push(Date.now() - t);
  }
  const errorText = await page.evaluate(() => document.getElementById('screen-error').textContent);
  if (errorText) failures.push(`the screening page shows an error: ${errorText}`);

  await page.goto(url + '#lit');
  for (const q of searches) {
    await page.fill('#lit-query', q);
    t = Date.now();
    await page.evaluate(() => { document.getElementById('lit-count').textContent = ''; });
    await page.click('#lit-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('lit-count').textContent !== '' ||
                               document.getElementById('lit-error').textContent !== '', null, { timeout });
    times.searches_ms.push(Date.now() - t);
    const litError = await page.evaluate(() => document.getElementById('lit-error').textContent);
    if (litError) failures.push(`search '${q}' failed: ${litError}`);
    const listed = await page.locator('#lit-records li').count();
    if (listed === 0) failures.push(`search '${q}' listed no records`);
  }
  failures.push(...errors);
} catch (e) {
  failures.push(String(e));
} finally {
  await browser.close();
}
const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);
times.decision_median_ms = median(times.decisions_ms);
times.search_median_ms = median(times.searches_ms);
console.log(JSON.stringify(times));
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
