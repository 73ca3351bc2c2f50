// Real-browser test of the public pages, in Debian's Chromium driven by playwright-core (node --test).
// Started by run.sh, which serves the demo province and passes:
//   MOTCUA_URL            base URL of the running server, e.g. http://127.0.0.1:43117
//   MOTCUA_DEMO_PASSWORD  password of the demo accounts
//   ARTIFACTS_DIR         where screenshots go (test-artifacts/browser)
//   README_SCREENSHOT     the catalogue screenshot shown in the README (docs/screenshot-catalogue.png)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

const base = process.env.MOTCUA_URL;
const password = process.env.MOTCUA_DEMO_PASSWORD;
const artifacts = process.env.ARTIFACTS_DIR;
const readmeShot = process.env.README_SCREENSHOT;

let context;
let page;
let profile;

before(async () => {
  assert.ok(base && password && artifacts && readmeShot, 'run this through tests/browser/run.sh');
  profile = mkdtempSync(join(tmpdir(), 'motcua-chromium-'));
  // `npx playwright install` cannot work here: the browser is Debian's chromium package.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
    timeout: 30_000,
  });
  context.setDefaultTimeout(10_000);
  page = context.pages()[0] ?? await context.newPage();
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('searching the catalogue without diacritics finds birth registration first', async () => {
  await page.goto(`${base}/thu-tuc`);
  assert.equal(await page.title(), 'Thủ tục hành chính — Cổng dịch vụ công tỉnh Lào Cai');
  await page.locator('#q').pressSequentially('dang ky khai sinh');
  await Promise.all([page.waitForURL(/\/thu-tuc\?q=dang\+ky\+khai\+sinh/),
                     page.getByRole('button', { name: 'Tìm kiếm' }).click()]);
  const first = page.locator('ol.results li a.name').first();
  assert.equal((await first.textContent()).trim(), 'Thủ tục đăng ký khai sinh');
  assert.match(await page.locator('p.count').textContent(), /^Tìm thấy \d+ thủ tục phù hợp với "dang ky khai sinh"\.$/);
  await page.screenshot({ path: join(artifacts, 'catalogue.png') });
  await page.screenshot({ path: readmeShot });

  await Promise.all([page.waitForURL(/\/thu-tuc\/1\.001193$/), first.click()]);
  await page.getByRole('heading', { name: 'Thủ tục đăng ký khai sinh' }).waitFor();
  await page.getByText('Thành phần hồ sơ', { exact: true }).waitFor();
  await page.screenshot({ path: join(artifacts, 'procedure.png'), fullPage: true });
});

test('the demo administrator signs in and sees his name in the header', async () => {
  await page.goto(`${base}/dang-nhap`);
  await page.locator('#username').fill('quantri.tinh');
  await page.locator('#password').fill(password);
  await Promise.all([page.waitForURL(/\/thu-tuc$/),
                     page.locator('form.card').getByRole('button', { name: 'Đăng nhập' }).click()]);
  assert.equal((await page.locator('header .who').textContent()).trim(), 'Nguyễn Đức Thắng');
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  await page.screenshot({ path: join(artifacts, 'signed-in.png') });
});
