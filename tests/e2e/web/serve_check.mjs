// Drives `carta serve` in headless Chromium: two reviewers in two browser
// contexts screen the same record blind and disagree, a resolver settles the
// conflict and sees kappa and PRISMA; the same two extract a cohort blind to
// each other, disagree on the ORR, and the resolver records the consensus
// from the diff view; the meta form changes method and the forest plot
// changes; CRS, ICANS (from ICE and from CAPD) and CAR-HEMATOTOX cases are
// graded; the Chinese page renders.
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

// Opens `cohort` on the extraction tab, starts the form and saves each [key, value, location].
async function extractForm(page, cohort, values) {
  await page.goto(url + '#extract');
  await page.fill('#ex-cohort', cohort);
  await page.click('#ex-start');
  await page.waitForFunction(() => document.getElementById('ex-status').dataset.state === 'open');
  let n = 0;
  for (const [key, value, location] of values) {
    await page.selectOption('#ex-key', key);
    await page.fill('#ex-set input[name=value]', value);
    await page.fill('#ex-set input[name=record]', 'PMID:11748933');
    await page.fill('#ex-set input[name=page]', '3');
    await page.fill('#ex-set input[name=location]', location);
    await page.fill('#ex-set input[name=quote]', 'as printed');
    await page.click('#ex-save');
    n += 1;
    await page.waitForFunction((k) => document.getElementById('ex-status').textContent === `Open: ${k} value(s).`, n);
  }
}

async function finishForm(page) {
  await page.click('#ex-finish');
  await page.waitForFunction(() => document.getElementById('ex-status').dataset.state === 'finished');
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
  // Keywords highlighted by the server's tokenizer: a word of the title, typed in capitals, is marked.
  const titleWord = (await b.page.locator('#rec-title').innerText()).split(/[^A-Za-z]+/).find((w) => w.length >= 5);
  await b.page.fill('#kw-include', titleWord.toUpperCase());
  await b.page.locator('#kw-include').dispatchEvent('change');
  check((await b.page.locator('#criteria').innerText()).includes('years 1900-2100'), 'the criteria beside the record');
  await b.page.waitForFunction((w) => [...document.querySelectorAll('#rec-title mark.inc')]
    .some((m) => m.textContent.toLowerCase() === w.toLowerCase()), titleWord, { timeout: 10000 });
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
  // A record with a duplicate (Embase's copy, grouped by dedup --apply) lists it beside the record.
  const dupAt = await c.page.evaluate(async () => {
    for (let i = 0; i < screenState.queue.length; i++) {
      const g = await authed('/api/screen/duplicates/' + screenState.queue[i].id);
      if (g.members.length > 1) return i;
    }
    return -1;
  });
  check(dupAt >= 0, 'no record of the queue has a duplicate');
  if (dupAt >= 0) {
    await c.page.locator('#rec-title').click();
    for (let i = 0; i < dupAt; i++) await c.page.keyboard.press('j');
    await c.page.waitForFunction(() => document.getElementById('rec-duplicates').textContent.startsWith('Duplicates (1)'));
    check((await c.page.locator('#rec-duplicates').innerText()).includes('other'), 'the duplicate names its source');
  }
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

  // Extraction: ann and bob fill the form of one cohort, blind to each other, and disagree on the ORR.
  const common = [['product', 'Kymriah', 'Table 1'], ['indication', 'LBCL', 'Table 1'], ['n', '40', 'Table 1'],
    ['n_kind', 'infused', 'Table 1']];
  await extractForm(a.page, 'web-lbcl', [...common, ['orr', '50%', 'Table 2']]);
  await extractForm(b.page, 'web-lbcl', [...common, ['orr', '20/40', 'Fig 2']]);
  const othersB = await b.page.locator('#ex-others').innerText();
  check(othersB.includes('1 other form(s) hidden') && !othersB.includes('50%'), `bob sees ann's form: ${othersB}`);
  await a.page.click('#ex-compare');  // a 403 (blind): the browser logs it, so this runs after the console check
  await a.page.waitForFunction(() => document.getElementById('ex-error').textContent !== '');
  check((await a.page.locator('#ex-error').innerText()).includes('not finished'), 'the diff is refused while a form is open');
  await finishForm(a.page);
  await finishForm(b.page);
  await b.page.click('#ex-open button[type=submit]');
  await b.page.waitForFunction(() => document.getElementById('ex-others').textContent.includes('ann (finished)'));
  check((await b.page.locator('#ex-others').innerText()).includes('50%'), "ann's values visible once both finished");
  // The resolver compares the forms and takes bob's ORR.
  await c.page.goto(url + '#extract');
  await c.page.fill('#ex-cohort', 'web-lbcl');
  await c.page.click('#ex-compare');
  await c.page.waitForFunction(() => document.querySelectorAll('#ex-diff tr[data-key]').length > 0);
  const diffRows = await c.page.locator('#ex-diff tr[data-key]').evaluateAll((rows) => rows.map((r) => r.dataset.key));
  check(diffRows.join(',') === 'orr', `differences: ${diffRows.join(',')}`);
  const diffText = await c.page.locator('#ex-diff').innerText();
  check(diffText.includes('ann: 50%') && diffText.includes('bob: 20/40') && diffText.includes('Fig 2'), `diff: ${diffText}`);
  await c.page.selectOption('#ex-diff select[data-key=orr]', 'bob');
  await c.page.click('#ex-reconcile');
  await c.page.waitForFunction(() => document.getElementById('ex-consensus').textContent.startsWith('Consensus'));
  const consensus = await c.page.locator('#ex-consensus').innerText();
  check(consensus.includes('5 value(s)') && consensus.includes('orr = 20/40 by cat'), `consensus: ${consensus}`);
  await c.page.screenshot({ path: path.join(artefacts, 'serve_extract.png'), fullPage: true });

  // The report, built as a job from the evidence tab (ann's token), links to its files.
  await a.page.goto(url + '#evidence');
  await a.page.click('#report-build');
  await a.page.waitForFunction(() => document.querySelector('#report-files a') || document.getElementById('ev-error').textContent, null,
    { timeout: 60000 });
  check((await a.page.locator('#ev-error').innerText()) === '', `report: ${await a.page.locator('#ev-error').innerText()}`);
  const reportHref = await a.page.locator('#report-files a').first().getAttribute('href');
  check(/^\/api\/report\/[0-9a-f]{16}\/index\.html$/.test(reportHref || ''), `report link ${reportHref}`);
  const reportPage = await a.page.request.get(url + reportHref);
  check(reportPage.status() === 200 && (await reportPage.text()).includes('<svg'), `report page: ${reportPage.status()}`);

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

  // A virtual trial: its rates, the command that reproduces it, and its KM figure drawn as an image.
  await page.goto(url + '#sim');
  await page.selectOption('#sim-form select[name=product]', 'kymriah');
  await page.selectOption('#sim-form select[name=indication]', 'B-ALL');
  await page.fill('#sim-form input[name=patients]', '100');
  await page.click('#sim-run');
  await page.waitForFunction(() => document.getElementById('sim-summary').textContent !== '' ||
    document.getElementById('sim-error').textContent !== '');
  const sim = await page.locator('#sim-summary').innerText();
  check(sim.startsWith('kymriah in B-ALL, 100 virtual patients: ORR ') && sim.includes('grade ≥ 3 CRS'), `simulator: ${sim}`);
  check((await page.locator('#sim-command').innerText()).includes('--product kymriah --indication B-ALL --patients 100'),
    'simulator reproduce box');
  await page.waitForFunction(() => document.getElementById('sim-plot').naturalWidth > 0);
  await page.selectOption('#sim-form select[name=product]', 'abecma');  // BCMA in a CD19 disease
  await page.click('#sim-run');
  await page.waitForFunction(() => document.getElementById('sim-error').textContent !== '');
  check((await page.locator('#sim-error').innerText()).startsWith('product:'), 'simulator refusal named');
  check((await page.locator('#sim-summary').innerText()) === '', 'no stale simulator result beside the refusal');
  await page.screenshot({ path: path.join(artefacts, 'serve_sim.png'), fullPage: true });

  // A CRS case is graded.
  await page.goto(url + '#tox');
  await page.fill('#crs-form input[name=temp_c]', '39');
  await page.selectOption('#crs-form select[name=hypotension]', 'one-vasopressor');
  await page.click('#crs-grade');
  await page.waitForFunction(() => document.getElementById('crs-result').textContent !== '');
  const crs = await page.locator('#crs-result').innerText();
  check(crs.startsWith('Grade 3') && crs.includes('hypotension'), `CRS: ${crs}`);
  // ICANS: an adult's ICE score of 5 and awakening to voice is grade 2; a child's CAPD of 12 grades 3.
  for (const [name, v] of [['orientation', '2'], ['naming', '1'], ['commands', '1'], ['writing', '0'], ['attention', '1']]) {
    await page.fill(`#ice-form input[name=${name}]`, v);
  }
  await page.click('#ice-score');
  await page.waitForFunction(() => document.getElementById('ice-result').textContent === 'ICE 5/10');
  await page.selectOption('#icans-form select[name=consciousness]', 'voice');
  await page.click('#icans-grade');
  await page.waitForFunction(() => document.getElementById('icans-result').textContent !== '');
  const icans = await page.locator('#icans-result').innerText();
  check(icans.startsWith('Grade 2') && icans.includes('ice') && icans.includes('consciousness'), `ICANS (ICE): ${icans}`);
  for (const [item, f] of [['eye-contact', 'never'], ['purposeful', 'never'], ['aware', 'rarely'], ['communicates', 'rarely']]) {
    await page.selectOption(`#capd-form select[name=${item}]`, f);
  }
  await page.click('#capd-score');
  await page.waitForFunction(() => document.getElementById('capd-result').textContent.startsWith('CAPD 14/32'));
  await page.fill('#icans-form input[name=age]', '5');
  await page.selectOption('#icans-form select[name=consciousness]', 'alert');
  await page.click('#icans-grade');
  await page.waitForFunction(() => document.getElementById('icans-result').textContent.includes('CAPD'));
  const icansChild = await page.locator('#icans-result').innerText();
  check(icansChild.startsWith('Grade 3') && icansChild.includes('capd'), `ICANS (CAPD): ${icansChild}`);
  // CAR-HEMATOTOX of the form's defaults: platelets 80 (1), ANC 1100/µL (1), Hb 9.5 (0), CRP 4 (1), ferritin 800 (1).
  await page.click('#hematotox-score');
  await page.waitForFunction(() => document.getElementById('hematotox-result').textContent !== '');
  const hematotox = await page.locator('#hematotox-result').innerText();
  check(hematotox === 'CAR-HEMATOTOX 4: high risk', `CAR-HEMATOTOX: ${hematotox}`);
  check((await page.locator('#hematotox-items tr').count()) === 6, 'CAR-HEMATOTOX items listed');
  await page.screenshot({ path: path.join(artefacts, 'serve_tox.png'), fullPage: true });

  // The Chinese page.
  const zh = await (await browser.newContext()).newPage();
  await zh.goto(url + '?lang=zh#evidence');
  await zh.waitForFunction(() => document.querySelectorAll('#ev-cohorts tr').length > 1);
  check((await zh.getAttribute('html', 'lang')) === 'zh-CN', 'html lang zh-CN');
  check((await zh.locator('#tabs button').first().innerText()) === '证据', 'Chinese tab label');
  check((await zh.locator('#tabs button[data-tab=extract]').innerText()) === '数据提取', 'Chinese extraction tab');
  check((await zh.locator('#icans-grade').innerText()) === '分级', 'Chinese ICANS form');
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
