// Drives `carta serve` in headless Chromium: two reviewers in two browser
// contexts screen the same record blind and disagree, a resolver settles the
// conflict and sees kappa and PRISMA; the meta form changes method and the
// forest plot changes; a CRS case is graded; the Chinese page renders.
// Usage: node serve_check.mjs URL TOKEN_A TOKEN_B TOKEN_RESOLVER ARTEFACTS_DIR
import { chromium } from 'playwright-core';
import path from 'node:path';

const [url, tokenA, tokenB, tokenC, artefacts] = process.argv.slice(2);
const failures = [];
function check(ok, what) { if (!ok) failures.push(what); }

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic'],
});

async function reviewer(token) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url + '#screen');
  await page.fill('#token', token);
  await page.click('#token-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('whoami').textContent !== '');
  return { page, errors };
}

async function shownRecord(page) {
  await page.waitForFunction(() => document.getElementById('rec-title').dataset.record);
  return page.evaluate(() => document.getElementById('rec-title').dataset.record);
}

try {
  // Reviewer A includes the first record of the queue.
  const a = await reviewer(tokenA);
  const record = await shownRecord(a.page);
  await a.page.locator('#rec-title').click();
  await a.page.keyboard.press('i');
  await a.page.waitForFunction((r) => document.getElementById('screen-status').textContent.startsWith('#' + r), record);
  // Reviewer B, blind: the same record is offered (dual mode: it still needs a second decision), with no trace of A's vote.
  const b = await reviewer(tokenB);
  const recordB = await shownRecord(b.page);
  check(recordB === record, `reviewer B was offered record ${recordB}, not ${record}`);
  check(!(await b.page.content()).includes('include (ann'), "B's page shows A's vote");
  await b.page.screenshot({ path: path.join(artefacts, 'serve_reviewer_b.png') });
  await b.page.locator('#rec-title').click();
  await b.page.keyboard.press('e');
  await b.page.waitForFunction((r) => document.getElementById('screen-status').textContent.startsWith('#' + r), record);

  // The resolver sees the conflict, settles it, and sees kappa and PRISMA.
  const c = await reviewer(tokenC);
  const button = c.page.locator(`button[data-resolve="${record}:include"]`);
  await button.waitFor({ timeout: 10000 });
  await button.click();
  await c.page.waitForFunction(() => document.querySelectorAll('#conflicts li').length === 0);
  await c.page.waitForFunction(() => /conflicts\s+0\b/.test(document.getElementById('prisma').innerText));
  const kappaRow = await c.page.locator('#kappa tr').nth(1).innerText();
  check(/ann\s+bob\s+1\s+0\.000/.test(kappaRow), `kappa row: ${kappaRow}`);
  const prisma = await c.page.locator('#prisma').innerText();
  check(/screened\s+1\b/.test(prisma), `PRISMA: ${prisma}`);
  check(/conflicts\s+0\b/.test(prisma), `PRISMA conflicts: ${prisma}`);
  // The resolver's exports: the RIS carries each reviewer's decision; the PRISMA diagram is drawn.
  await c.page.waitForFunction(() => document.getElementById('prisma-svg').naturalWidth > 0);
  const [download] = await Promise.all([c.page.waitForEvent('download'),
    c.page.click('#exports button[data-file="screening.ris"]')]);
  check(download.suggestedFilename() === 'screening.ris', `download name ${download.suggestedFilename()}`);
  const ris = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
  check(ris.includes(`N1  - title_abstract: resolved; ann include; bob exclude; resolved by cat include`), `RIS: ${ris.slice(0, 600)}`);
  await c.page.screenshot({ path: path.join(artefacts, 'serve_resolver.png'), fullPage: true });

  // The project's exclusion reasons (set by the admin before this run) are listed for keys 1-9,
  // and the queue shows the stopping aid.
  const reasons = await a.page.locator('#reasons li').allInnerTexts();
  check(reasons.join('|') === 'wrong population|not a primary study', `reasons: ${reasons.join('|')}`);
  check((await a.page.locator('#stopping').innerText()).includes('found'), 'the stopping aid is shown');
  // A remapped shortcut: 'y' includes from now on, in this browser, and is shown in the list.
  await a.page.fill('#shortcuts input[data-action=include]', 'y');
  await a.page.locator('#shortcuts input[data-action=include]').dispatchEvent('change');
  check((await a.page.evaluate(() => localStorage.getItem('carta-keys'))).includes('"include":"y"'), 'remap stored');
  const next = await shownRecord(a.page);
  await a.page.locator('#rec-title').click();
  await a.page.keyboard.press('i');  // no longer a shortcut
  await a.page.keyboard.press('y');
  await a.page.waitForFunction((r) => document.getElementById('screen-status').textContent === `#${r}: include`, next);
  await a.page.fill('#shortcuts input[data-action=exclude]', 'y');  // taken by include: refused
  await a.page.locator('#shortcuts input[data-action=exclude]').dispatchEvent('change');
  check((await a.page.inputValue('#shortcuts input[data-action=exclude]')) === 'e', 'a taken key is refused');
  check((await a.page.locator('#screen-error').innerText()).includes('include'), 'says which action has the key');
  await a.page.screenshot({ path: path.join(artefacts, 'serve_shortcuts.png'), fullPage: true });
  for (const [who, r] of [['A', a], ['B', b], ['resolver', c]]) check(r.errors.length === 0, `${who}: ${r.errors.join('; ')}`);

  // The meta form: the method changes the summary and the plot.
  const page = a.page;
  await page.goto(url + '#meta');
  await page.waitForFunction(() => document.getElementById('meta-summary').textContent.includes('REML'));
  const before = await page.locator('#meta-summary').innerText();
  const plotBefore = await page.getAttribute('#meta-plot', 'src');
  await page.selectOption('select[name=method]', 'DL');
  await page.waitForFunction(() => document.getElementById('meta-summary').textContent.includes('[DL]'));
  const after = await page.locator('#meta-summary').innerText();
  const plotAfter = await page.getAttribute('#meta-plot', 'src');
  check(before !== after, 'the summary did not change with the method');
  check(plotBefore !== plotAfter && plotAfter.includes('method=DL'), `the plot did not change: ${plotAfter}`);
  await page.waitForFunction(() => document.getElementById('meta-plot').naturalWidth > 0);
  check((await page.locator('#meta-command').innerText()).includes('--method DL'), 'reproduce box');
  await page.screenshot({ path: path.join(artefacts, 'serve_meta.png'), fullPage: true });

  // A CRS case is graded.
  await page.goto(url + '#tox');
  await page.fill('#crs-form input[name=temp_c]', '39');
  await page.selectOption('#crs-form select[name=hypotension]', 'one-vasopressor');
  await page.click('#crs-grade');
  await page.waitForFunction(() => document.getElementById('crs-result').textContent !== '');
  const crs = await page.locator('#crs-result').innerText();
  check(crs.startsWith('Grade 3') && crs.includes('hypotension'), `CRS: ${crs}`);

  // The Chinese page.
  const zh = await (await browser.newContext()).newPage();
  await zh.goto(url + '?lang=zh#evidence');
  await zh.waitForFunction(() => document.querySelectorAll('#ev-cohorts tr').length > 1);
  check((await zh.getAttribute('html', 'lang')) === 'zh-CN', 'html lang zh-CN');
  check((await zh.locator('#tabs button').first().innerText()) === '证据', 'Chinese tab label');
  await zh.screenshot({ path: path.join(artefacts, 'serve_zh.png'), fullPage: true });
} catch (e) {
  failures.push(String(e));
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('serve_check: all checks passed');
