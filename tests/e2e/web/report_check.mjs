// Opens carta's report (index.html written by `carta report`) in headless
// Chromium, checks that every table and figure is on the page and drawn, and
// saves a full-page screenshot. Usage: node report_check.mjs REPORT_DIR SCREENSHOT.png LANG
import { chromium } from 'playwright-core';
import path from 'node:path';
import fs from 'node:fs';

const [dir, screenshot, lang] = process.argv.slice(2);
const failures = [];
function check(ok, what) {
  if (!ok) failures.push(what);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) requests.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('file://' + path.resolve(dir, 'index.html'));
  check(requests.length === 0, `the page fetched ${requests.join(', ')}`);
  check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  check((await page.getAttribute('html', 'lang')) === (lang === 'zh' ? 'zh-CN' : 'en'), 'html lang attribute');

  // Tables: the review's Tables 1-4 with their row counts, each with a CSV file beside the page.
  const rows = { table1: 5, table2: 11, table3: 19, table4: 6 };
  for (const [id, n] of Object.entries(rows)) {
    const count = await page.locator(`#${id} tbody tr`).count();
    check(count === n, `${id}: ${count} rows, expected ${n}`);
    const link = await page.locator(`#${id} .files a`).getAttribute('href');
    check(link && fs.existsSync(path.join(dir, link)), `${id}: CSV link ${link}`);
  }
  check((await page.locator('#table_audit tbody tr').count()) > 10, 'the audit table lists its findings');

  // Figures: inline SVG, drawn with a real size, with their marks.
  const figures = ['fig2', 'fig3', 'fig4', 'fig5', 'fig6a', 'fig6b', 'pooled_orr_target', 'pooled_crr_indication',
                   'fig_km', 'fig_cure'];
  for (const id of figures) {
    const svg = page.locator(`#${id} svg`);
    check((await svg.count()) === 1, `${id}: one inline SVG`);
    const box = await svg.boundingBox();
    check(box && box.width > 200 && box.height > 150, `${id}: drawn ${box ? box.width + 'x' + box.height : 'nowhere'}`);
  }
  check((await page.locator('#fig2 rect.box').count()) === 9, 'PRISMA: 9 boxes');
  check((await page.locator('#fig4 rect.bar').count()) >= 30, 'Fig. 4: bars');
  check((await page.locator('#pooled_orr_target polygon.pooled').count()) === 1, 'forest plot: pooled diamond');
  check((await page.locator('#fig_km polyline.km-curve').count()) === 1, 'KM curve');
  const text = await page.locator('body').innerText();
  check(text.includes(lang === 'zh' ? '文献筛选流程图' : 'Literature screening flow'), 'Fig. 2 caption in the page language');
  check(text.includes('carta studies --location'), 'commands to reproduce the tables');

  await page.screenshot({ path: screenshot, fullPage: true });
} finally {
  await browser.close();
}
if (failures.length) {
  console.error('report_check: ' + failures.length + ' failures:\n  ' + failures.join('\n  '));
  process.exit(1);
}
console.log('report_check: ok (' + lang + ')');
