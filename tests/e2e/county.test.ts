import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createCountyLink } from '../../src/core/county/bundle';
import { openCounty } from '../../src/core/county/store';
import { addPupils, makeSchool, schoolKey, type PupilPlan } from '../support/county-school';
import { countyRequest } from '../support/county-web';
import { ENGLISH_LOCALE, launchBrowser, ROOT, runKite, SCREENSHOTS, startKite, VIEWPORTS } from './support/app';
import { openCountyPage, startCountyKite, type CountyKite } from './support/county';

const right: PupilPlan = { hardRight: true, easyRight: true, finish: true };
const wrongFirst: PupilPlan = { hardRight: false, easyRight: true, finish: true };
const unfinished: PupilPlan = { hardRight: false, easyRight: false, finish: false };
const PLANS = { a: [right, right, wrongFirst, unfinished], b: [right, wrongFirst, wrongFirst], c1: [right, unfinished], c2: [right, right] };
const all = [...PLANS.a, ...PLANS.b, ...PLANS.c1, ...PLANS.c2];
const EXPECTED = {
  pupils: all.length,
  answers: all.reduce((n, p) => n + (p.hardRight ? 1 : 2) + 1, 0),
  finished: all.filter((p) => p.finish).length,
};
const PASSWORD = 'county-it-password';

/** `kite …` with a line on standard input (a password typed into a pipe). */
function kiteWithInput(args: string[], input: string) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/kite.js'), ...args], { cwd: ROOT, env: { ...process.env, ...ENGLISH_LOCALE } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => resolve({ code, out }));
    child.stdin.end(input);
  });
}

async function signIn(page: Page, lang: 'zh-CN' | 'en') {
  const words = lang === 'zh-CN' ? { name: '用户名', password: '密码', submit: '登录' } : { name: 'User name', password: 'Password', submit: 'Sign in' };
  await page.getByLabel(words.name).fill('county-it');
  await page.getByLabel(words.password).fill(PASSWORD);
  await page.getByRole('button', { name: words.submit }).click();
}

describe('the county: three schools, push, USB and a second sync, then the dashboard', () => {
  const dirs: string[] = [];
  const dir = (prefix: string) => {
    dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    return dirs.at(-1) as string;
  };
  const countyDir = dir('kite-county-e2e-');
  let county: CountyKite;
  let browser: Browser;
  let schools: { a: Awaited<ReturnType<typeof makeSchool>>; b: Awaited<ReturnType<typeof makeSchool>>; c: Awaited<ReturnType<typeof makeSchool>> };
  let cookie = '';
  /** The county's schools table as its CSV (a viewer's download), for waiting on a push. */
  const schoolsCsv = async () => (await countyRequest(`${county.url}/csv/schools.csv?lang=en`, county.fingerprint, { headers: { cookie } })).text;

  beforeAll(async () => {
    // Three schools, each its own data folder; pupils and answers made through the app's API.
    schools = {
      a: await makeSchool(3, PLANS.a, dir('kite-school-a-')),
      b: await makeSchool(4, PLANS.b, dir('kite-school-b-')),
      c: await makeSchool(5, PLANS.c1, dir('kite-school-c-')),
    };
    // IT registers each school's key at the county, and adds a viewer account (its password from a pipe).
    const store = await openCounty({ dataDir: countyDir });
    await store.schools.add(schoolKey(schools.a.dataDir), '东山小学');
    await store.schools.add(schoolKey(schools.b.dataDir), '西河小学');
    await store.schools.add(schoolKey(schools.c.dataDir), '南岭小学');
    await store.close();
    const viewer = await kiteWithInput(['county', 'viewer', 'add', 'county-it', '--data', countyDir], `${PASSWORD}\n`);
    expect(viewer.out).toContain('Viewer "county-it" added');
    county = await startCountyKite(countyDir);
    const signedIn = await countyRequest(`${county.url}/sign-in`, county.fingerprint, {
      method: 'POST',
      body: new URLSearchParams({ name: 'county-it', password: PASSWORD }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    cookie = `kite_county_session=${/kite_county_session=([^;]+)/.exec(String(signedIn.headers['set-cookie']))?.[1]}`;
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await county?.stop();
    for (const s of Object.values(schools ?? {})) s.core.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('school A pushes over HTTPS by itself: kite serve with the county in its machine config', async () => {
    schools.a.core.close();
    const config = path.join(dir('kite-config-'), 'config.json');
    fs.writeFileSync(config, JSON.stringify({ county: { url: county.url, certFingerprint: county.fingerprint, publicKey: county.countyKey } }));
    const kite = await startKite(schools.a.dataDir, { env: { KITE_CONFIG: config, KITE_NO_BUILTIN_PACKS: '1' } });
    try {
      const end = Date.now() + 90_000;
      while (!/^东山小学,[^,]+,Up to date,4,\d+,1,/m.test(await schoolsCsv())) {
        if (Date.now() > end) throw new Error(`school A never pushed:\n${kite.output()}\n${await schoolsCsv()}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      await kite.stop();
    }
    // The school imported the pushed receipt: nothing is left to send.
    const status = await runKite(['progress', 'bundle', '--data', schools.a.dataDir, '--out', path.join(dir('kite-a-out-'), 'rest.kbundle')]);
    expect(status.stdout).toMatch(/\b0 event/);
  });

  it('school B brings a USB bundle through the upload page, and takes the receipt home', async () => {
    schools.b.core.close();
    const usb = dir('kite-usb-');
    const bundle = path.join(usb, 'xihe.kbundle');
    expect((await runKite(['progress', 'bundle', '--data', schools.b.dataDir, '--out', bundle])).code).toBe(0);
    const page = await openCountyPage(browser, county.url, VIEWPORTS.laptop);
    await signIn(page, 'zh-CN');
    await page.getByRole('link', { name: '上传数据包' }).click();
    await page.getByLabel('选择 .kbundle 文件').setInputFiles(bundle);
    await page.getByRole('button', { name: '上传' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已收到“西河小学”的数据包：新增 11 条记录，已有 0 条。');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'county-upload-zh-CN-1366x768.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载回执' }).click()]);
    const receipt = path.join(usb, 'xihe.kreceipt');
    await download.saveAs(receipt);
    const imported = await runKite(['progress', 'receipt', receipt, '--data', schools.b.dataDir]);
    expect(imported.code, imported.stderr).toBe(0);
    await page.context().close();
  });

  it('school C syncs twice: the second push adds only what is new', async () => {
    const link = (s: typeof schools.c) => createCountyLink({ db: s.core.db, dataDir: s.dataDir, config: { url: county.url, certFingerprint: county.fingerprint, publicKey: county.countyKey } });
    const first = await link(schools.c).pushOnce();
    expect(first.gaps).toEqual([]);
    await addPupils(schools.c, PLANS.c2);
    const second = await link(schools.c).pushOnce();
    expect(second.advanced).toBeGreaterThan(0);
    // The county holds each of the school's events once, after two bundles.
    const held = (schools.c.core.db.prepare('SELECT count(*) AS n FROM progress_events').get() as { n: number }).n;
    expect(await schoolsCsv()).toMatch(new RegExp(`^南岭小学,[^,]+,Up to date,4,${held},2,`, 'm'));
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`the dashboard shows the right totals in ${lang}, at 1366×768 and 1920×1080`, async () => {
      for (const [size, viewport] of [['1366x768', VIEWPORTS.laptop], ['1920x1080', VIEWPORTS.fullHd]] as const) {
        const page = await openCountyPage(browser, `${county.url}/dashboard?lang=${lang}`, viewport, lang);
        await signIn(page, lang);
        const t = lang === 'zh-CN'
          ? { overview: '总览', schools: '学校', pupils: '学生', answers: '答题', finished: '完成的课', table: '学校与同步', fresh: '正常', completion: '各年级各课完成情况', lesson: '我的小秘密', grade: '3 年级', hardest: '全县最难的题' }
          : { overview: 'Overview', schools: 'Schools', pupils: 'Pupils', answers: 'Answers', finished: 'Lessons finished', table: 'Schools and syncing', fresh: 'Up to date', completion: 'Completion by grade and lesson', lesson: 'My secrets', grade: 'Grade 3', hardest: "The county's hardest questions" };
        const overview = page.getByRole('region', { name: t.overview });
        const total = (label: string) => overview.getByRole('listitem').filter({ has: page.getByText(label, { exact: true }) });
        await expect.poll(() => total(t.schools).textContent()).toContain('3');
        expect(await total(t.pupils).textContent()).toContain(String(EXPECTED.pupils));
        expect(await total(t.answers).textContent()).toContain(String(EXPECTED.answers));
        expect(await total(t.finished).textContent()).toContain(String(EXPECTED.finished));
        const table = page.getByRole('table', { name: t.table });
        for (const name of ['东山小学', '西河小学', '南岭小学']) expect(await table.getByRole('row').filter({ hasText: name }).textContent()).toContain(t.fresh);
        const completion = page.getByRole('table', { name: t.completion });
        expect(await completion.getByRole('row').filter({ hasText: t.grade }).textContent()).toContain(t.lesson);
        await expect.poll(() => page.getByRole('table', { name: t.hardest }).getByRole('row').count()).toBe(3);
        await page.screenshot({ path: path.join(SCREENSHOTS, `county-dashboard-${lang}-${size}.png`) });
        await page.screenshot({ path: path.join(SCREENSHOTS, `county-dashboard-${lang}-${size}-full.png`), fullPage: true });
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await page.context().close();
      }
    });
  }

  it('downloads a table as CSV from the page, and switches language by its link', async () => {
    const page = await openCountyPage(browser, county.url, VIEWPORTS.laptop);
    await signIn(page, 'zh-CN');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载“学校与同步”表格（CSV）' }).click()]);
    const file = path.join(dir('kite-csv-'), 'schools.csv');
    await download.saveAs(file);
    const lines = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('学校,最后同步,状态,学生（人）,记录（条）,数据包,学校编号');
    await page.getByRole('link', { name: '切换语言: English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('County dashboard');
    await page.context().close();
  });
});
