// Real-browser test of the administrators' calendar decisions page (/lich/quyet-dinh), in Debian's Chromium
// driven by playwright-core (node --test). Started by run.sh with the same environment as catalogue.test.mjs:
//   MOTCUA_URL, MOTCUA_DEMO_PASSWORD, ARTIFACTS_DIR.
// The demo administrator signs in, adds a day off for 2027 through the form (after a first try that the page
// rejects naming the field in Vietnamese), sees it on the /lich page, then deletes it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

const base = process.env.MOTCUA_URL;
const password = process.env.MOTCUA_DEMO_PASSWORD;
const artifacts = process.env.ARTIFACTS_DIR;

const dayName = 'Nghỉ thử nghiệm của bài kiểm thử trình duyệt';
const source = 'Văn bản thử nghiệm (kiểm thử trình duyệt, không phải văn bản thật)';

let context;
let page;
let profile;

before(async () => {
  assert.ok(base && password && artifacts, 'run this through tests/browser/run.sh');
  profile = mkdtempSync(join(tmpdir(), 'motcua-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
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

// The cell of Friday 11/06/2027 on the /lich?nam=2027 page.
const june11 = () => page.locator('td[title^="Thứ Sáu 2027-06-11"]');

test('the decisions page is closed to anonymous visitors', async () => {
  const response = await page.goto(`${base}/lich/quyet-dinh?nam=2027`);
  assert.equal(response.status(), 401);
  await page.getByRole('heading', { name: 'Cần đăng nhập' }).waitFor();
  await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản quản trị' }).waitFor();
});

test('the demo administrator adds a 2027 day off through the form, sees it on /lich, then deletes it', async () => {
  await page.goto(`${base}/dang-nhap`);
  await page.locator('#username').fill('quantri.tinh');
  await page.locator('#password').fill(password);
  await Promise.all([page.waitForURL(/\/thu-tuc$/),
                     page.locator('form.card').getByRole('button', { name: 'Đăng nhập' }).click()]);

  // Before: an ordinary working day; the administrator's link leads to the decisions page.
  await page.goto(`${base}/lich?nam=2027`);
  assert.doesNotMatch(await june11().getAttribute('class'), /k-extra_off/);
  await Promise.all([page.waitForURL(/\/lich\/quyet-dinh\?nam=2027$/),
                     page.getByRole('link', { name: 'Quản lý quyết định nghỉ lễ, làm bù năm 2027' }).click()]);
  await page.getByRole('heading', { name: 'Quyết định nghỉ lễ, làm bù năm 2027' }).waitFor();
  await page.getByText('Chưa lưu ngày nào cho năm 2027').waitFor();

  // A first try without the day's name: the page says which field, in Vietnamese, and keeps what was typed.
  await page.locator('#can-cu').fill(source);
  await page.locator('#ngay-1').fill('11/06/2027');
  await page.locator('#loai-1').selectOption('extra_off');
  await page.getByRole('button', { name: 'Lưu quyết định' }).click();
  await page.locator('p.error').waitFor();
  assert.equal((await page.locator('p.error').textContent()).trim(),
               'Dòng 1, ô “Tên ngày nghỉ”: Thiếu tên ngày nghỉ (tối đa 300 ký tự).');
  assert.equal(await page.locator('#ten-1').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#ngay-1').inputValue(), '11/06/2027');
  await page.screenshot({ path: join(artifacts, 'calendar-decision-error.png'), fullPage: true });

  await page.locator('#ten-1').fill(dayName);
  await Promise.all([page.waitForURL(/\/lich\/quyet-dinh\?nam=2027&da-luu=1$/),
                     page.getByRole('button', { name: 'Lưu quyết định' }).click()]);
  assert.equal((await page.locator('p.notice').textContent()).trim(), 'Đã lưu 1 ngày của quyết định.');
  const row = page.locator('table.decisions tbody tr');
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /11\/06\/2027[\s\S]*Thứ Sáu[\s\S]*Nghỉ khác theo quyết định/);
  assert.match(await row.textContent(), new RegExp(dayName));
  await page.screenshot({ path: join(artifacts, 'calendar-decisions.png'), fullPage: true });

  // The /lich page shows the day off at once, with its name and source.
  await page.getByRole('link', { name: 'Xem lịch năm 2027' }).click();
  await page.waitForURL(/\/lich\?nam=2027$/);
  assert.match(await june11().getAttribute('class'), /k-extra_off/);
  const june = page.locator('section.month', { has: page.locator('caption', { hasText: /^Tháng 6$/ }) });
  const note = june.locator('ul.notes li', { hasText: dayName });
  await note.waitFor();
  assert.match(await note.textContent(), /11\/06[\s\S]*Căn cứ: Văn bản thử nghiệm/);
  await june.screenshot({ path: join(artifacts, 'calendar-2027-june.png') });

  // Delete the row: the page confirms, and 11/06/2027 is a working day again.
  await page.goto(`${base}/lich/quyet-dinh?nam=2027`);
  await Promise.all([page.waitForURL(/\/lich\/quyet-dinh\?nam=2027&da-xoa=2027-06-11$/),
                     page.getByRole('button', { name: 'Xóa ngày 11/06/2027' }).click()]);
  assert.equal((await page.locator('p.notice').textContent()).trim(),
               'Đã xóa ngày 11/06/2027 khỏi các quyết định đã lưu.');
  await page.getByText('Chưa lưu ngày nào cho năm 2027').waitFor();
  await page.goto(`${base}/lich?nam=2027`);
  assert.doesNotMatch(await june11().getAttribute('class'), /k-extra_off/);
  assert.equal(await page.getByText(dayName).count(), 0);
});
