import { describe, expect, it } from 'vitest';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, inLanguage, openPupilPage as openPage, overflowsHorizontally, screenshot, smallTouchTargets, useKiteAndBrowser, VIEWPORTS } from './support/app';
import { axeProblems } from './support/axe';
import { DEMO_BUDGET } from './support/demos';

// The demos expose window.__kiteDemo only with ?test=1. slowms=100000 keeps the 3D view even when
// SwiftShader on a busy 2-core machine is slow (the switch to 2D is tested on its own below).
interface FrameInfo { calls: number; triangles: number; geometries: number; textures: number; frames: number; paused: boolean; startupFrameMs: number }
type State = Record<string, unknown>;
declare global {
  interface Window {
    __kiteDemo?: { id: string; mode(): string; state(): State; info(): FrameInfo | null };
  }
}

const DEMOS = ['packet-journey', 'wifi-signals', 'photo-copies', 'fly-drone', 'look-around'] as const;
const BUDGET = DEMO_BUDGET;

const app = useKiteAndBrowser();

const demoUrl = (id: string, query = 'test=1&slowms=100000') => `${app.kite.url}/?${query}#/demos/${id}`;
const state = <T = State>(page: Page) => page.evaluate(() => window.__kiteDemo?.state()) as Promise<T>;
const info = (page: Page) => page.evaluate(() => window.__kiteDemo?.info() ?? null) as Promise<FrameInfo | null>;
const mode = (page: Page) => page.evaluate(() => window.__kiteDemo?.mode() ?? '');

/** Open a demo and wait until its 3D scene has drawn some frames. */
async function open3d(page: Page, id: string) {
  await page.goto(demoUrl(id));
  await page.waitForFunction(() => (window.__kiteDemo?.info()?.frames ?? 0) > 5, null, { timeout: 60_000 });
  expect(await mode(page)).toBe('3d');
}

async function waitFrames(page: Page, count: number) {
  const start = (await info(page))?.frames ?? 0;
  await page.waitForFunction((n) => (window.__kiteDemo?.info()?.frames ?? 0) >= n, start + count, { timeout: 60_000 });
}

async function expectWithinBudget(page: Page) {
  const frame = (await info(page)) as FrameInfo;
  expect(frame.calls).toBeGreaterThan(0);
  expect(frame.calls).toBeLessThanOrEqual(BUDGET.calls);
  expect(frame.triangles).toBeLessThanOrEqual(BUDGET.triangles);
  return frame;
}

const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 60_000, interval: 200 });

/** Interactions a pupil does in each demo, checked through the model's state. */
const interact: Record<(typeof DEMOS)[number], (page: Page, en: boolean) => Promise<void>> = {
  async 'packet-journey'(page, en) {
    const message = en ? 'Kites at four!' : '下午四点放风筝！';
    await page.getByLabel(en ? 'Your message (up to 24 letters)' : '你的消息（最多 24 个字）').fill(message);
    await page.getByRole('button', { name: en ? 'Send' : '发送', exact: true }).click();
    // Once the first packets reach the county network, cut fibre A: later packets must go round by B.
    await poll(async () => (await state<{ packets: { route: string[] }[] }>(page)).packets.some((p) => p.route.includes('county'))).toBe(true);
    await page.getByRole('button', { name: en ? 'Cut fibre A' : '剪断光纤 A' }).click();
    await poll(async () => (await state(page)).complete).toBe(true);
    const done = await state<{ reassembled: string; cut: string[]; packets: { route: string[] }[]; arrivals: number[] }>(page);
    expect(done.reassembled).toBe(message);
    expect(done.cut).toEqual(['A']);
    expect(done.arrivals.slice().sort((a, b) => a - b)).toEqual(done.packets.map((_, i) => i + 1));
    expect(done.packets.some((p) => p.route.includes('fibreB'))).toBe(true);
    await page.getByText(en ? 'All here!' : '全部到齐').waitFor();
    // Both lines cut: packets wait; fix one and they get through.
    await page.getByRole('button', { name: en ? 'Cut fibre B' : '剪断光纤 B' }).click();
    await page.getByRole('button', { name: en ? 'Send' : '发送', exact: true }).click();
    await poll(async () => (await state(page)).stuck).toBe(true);
    await page.getByRole('button', { name: en ? 'Fix fibre A' : '修好光纤 A' }).click();
    await poll(async () => (await state(page)).complete).toBe(true);
    expect((await state<{ packets: { route: string[] }[] }>(page)).packets.every((p) => !p.route.includes('fibreB'))).toBe(true);
  },

  async 'wifi-signals'(page, en) {
    const before = await state<{ strength: number; tablet: { x: number } }>(page);
    // Drag the tablet with a finger/mouse: it follows the pointer over the floor.
    const box = (await page.locator('.demo-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.62);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.56, box.y + box.height * 0.6, { steps: 4 });
    await page.mouse.up();
    await poll(async () => (await state<{ tablet: { x: number } }>(page)).tablet.x).not.toBe(before.tablet.x);
    // Buttons: move the tablet further from the router; the signal falls.
    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: en ? 'Move right' : '向右移' }).click();
    const far = await state<{ strength: number; bars: number }>(page);
    expect(far.strength).toBeLessThan(before.strength);
    // Keyboard: pick the wall (W) and hold → to move it; the wall walls off less or more signal.
    await page.locator('.demo-stage').focus();
    await page.keyboard.press('w');
    expect((await state(page)).selected).toBe('wall');
    const wallBefore = (await state<{ wallX: number }>(page)).wallX;
    await page.keyboard.down('ArrowRight');
    await poll(async () => (await state<{ wallX: number }>(page)).wallX).toBeGreaterThan(wallBefore + 1);
    await page.keyboard.up('ArrowRight');
    // Without a password the neighbours join; with it they cannot.
    expect((await state(page)).neighbourConnected).toBe(false);
    await page.getByRole('button', { name: en ? 'Password lock: on' : '密码锁：开' }).click();
    await poll(async () => (await state(page)).neighbourConnected).toBe(true);
    await page.getByText(en ? 'No password: the neighbours' : '没有密码：邻居的手机连上了').waitFor();
  },

  async 'photo-copies'(page, en) {
    await page.getByRole('button', { name: en ? 'Post to the group' : '发到群里' }).click();
    await poll(async () => (await state(page)).settled).toBe(true);
    expect((await state<{ copies: string[] }>(page)).copies).toHaveLength(7);
    await page.getByRole('button', { name: en ? 'Delete from my phone' : '从我的手机删除' }).click();
    const after = await state<{ copies: string[]; deleted: boolean }>(page);
    expect(after.deleted).toBe(true);
    expect(after.copies).not.toContain('mine');
    expect(after.copies).toHaveLength(6);
    await page.getByText(en ? 'You only deleted the copy on your own phone' : '你只删掉了自己手机上的那一份').waitFor();
  },

  async 'fly-drone'(page, en) {
    await page.locator('.demo-stage').focus();
    // Climb and keep climbing: the drone stops at 120 m and says why.
    await page.keyboard.down('PageUp');
    await poll(async () => (await state<{ stopped: { altitude: number } }>(page)).stopped.altitude).toBeGreaterThan(0);
    await page.keyboard.up('PageUp');
    const high = await state<{ altitude: number; maxAltitude: number; notices: { altitude: boolean } }>(page);
    expect(high.maxAltitude).toBeLessThanOrEqual(120);
    expect(high.notices.altitude).toBe(true);
    await page.getByText(en ? '120 metres! You cannot fly any higher.' : '到 120 米了！不能再往上飞。').waitFor();
    // Fly straight ahead towards the airfield: the drone will not enter the no-fly zone.
    await page.keyboard.down('ArrowUp');
    await poll(async () => (await state<{ stopped: { noFly: number } }>(page)).stopped.noFly).toBeGreaterThan(0);
    await page.keyboard.up('ArrowUp');
    const stopped = await state<{ x: number; z: number; notices: { noFly: boolean } }>(page);
    expect(stopped.notices.noFly).toBe(true);
    expect(Math.hypot(stopped.x - 0, stopped.z + 300)).toBeGreaterThanOrEqual(89);
    await page.getByText(en ? "The airfield's no-fly zone is ahead" : '前面是机场禁飞区').waitFor();
    // A tap on an on-screen button nudges the drone too.
    const before = (await state<{ heading: number }>(page)).heading;
    await page.getByRole('button', { name: en ? 'Turn left' : '向左转' }).click();
    await poll(async () => (await state<{ heading: number }>(page)).heading).toBeGreaterThan(before);
  },

  async 'look-around'(page, en) {
    const box = (await page.locator('.demo-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4, { steps: 6 });
    await page.mouse.up();
    const turned = await state<{ yaw: number; pitch: number }>(page);
    expect(turned.yaw).not.toBe(0);
    expect(turned.pitch).not.toBe(0);
    await page.getByRole('button', { name: en ? 'Two pictures (cardboard glasses)' : '双画面（纸盒眼镜）' }).click();
    expect((await state(page)).stereo).toBe(true);
    await waitFrames(page, 3);
    // Stereo draws the sphere once per eye.
    expect((await info(page))!.calls).toBe(2);
  },
};

describe('3D demos', () => {
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    for (const language of ['zh-CN', 'en'] as const) {
      // Every demo is opened, laid out and pictured in each language at each size; the interactions
      // (a flight climbs to 120 m in real time) run once per language, at a different size each:
      // English (the longer labels, e.g. "Fix line A") on the narrow laptop screen, where they are likeliest to overflow.
      const interacts = (language === 'en') === (viewportName === 'laptop');
      it(`opens every demo${interacts ? ', interacts' : ''} and stays within budget (${language}, ${viewport.width}×${viewport.height})`, async () => {
        const { page, context, external, consoleErrors } = await openPage(app.browser, `${app.kite.url}/?test=1#/demos`, viewport);
        const en = language === 'en';
        if (en) {
          await page.getByRole('button', { name: '切换到英文' }).click();
          await page.getByRole('heading', { name: 'Internet experiments' }).waitFor();
        } else {
          await page.getByRole('heading', { name: '网络小实验' }).waitFor();
        }
        expect(await page.locator('.demo-list .tile').count()).toBe(5);
        expect(await smallTouchTargets(page)).toEqual([]);
        expect(await overflowsHorizontally(page)).toBe(false);
        await screenshot(page, `demos-list-${language}-${viewportName}`);

        for (const id of DEMOS) {
          await open3d(page, id);
          const initial = await state(page);
          if (interacts) await interact[id](page, en);
          await waitFrames(page, 3);
          await expectWithinBudget(page);
          expect(await smallTouchTargets(page)).toEqual([]);
          expect(await overflowsHorizontally(page)).toBe(false);
          await screenshot(page, `demos-${id}-${language}-${viewportName}`);
          if (!interacts) continue;
          // Reset puts everything back as it was when the demo opened.
          await page.getByRole('button', { name: en ? 'Start again' : '重新开始' }).click();
          await waitFrames(page, 3);
          expect(await state(page)).toEqual(initial);
        }
        if (en) {
          await page.getByRole('button', { name: 'Switch to Chinese' }).click();
          await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
        }
        expect(external).toEqual([]);
        expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
        await context.close();
      }, 600_000);
    }
  }

  it('creates no new geometries or textures while running (100 frames per demo)', async () => {
    const { page, context } = await openPage(app.browser, `${app.kite.url}/?test=1#/demos`, VIEWPORTS.laptop);
    for (const id of DEMOS) {
      await open3d(page, id);
      await waitFrames(page, 10);
      const before = (await info(page))!;
      await waitFrames(page, 100);
      const after = await expectWithinBudget(page);
      expect({ id, geometries: after.geometries, textures: after.textures }).toEqual({ id, geometries: before.geometries, textures: before.textures });
    }
    await context.close();
  }, 600_000);

  it('pauses the scene when the page is hidden or the scene is scrolled away, and resumes', async () => {
    const { page, context } = await openPage(app.browser, demoUrl('packet-journey'), VIEWPORTS.laptop);
    await page.waitForFunction(() => (window.__kiteDemo?.info()?.frames ?? 0) > 5, null, { timeout: 60_000 });
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => {
        Object.defineProperty(document, 'hidden', { value: h, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await poll(async () => (await info(page))!.paused).toBe(true);
    const frozen = (await info(page))!.frames;
    await page.waitForTimeout(800); // nothing to poll for: we check that nothing happens
    expect((await info(page))!.frames).toBe(frozen);
    await setHidden(false);
    await poll(async () => (await info(page))!.frames).toBeGreaterThan(frozen + 3);

    // Out of view (an IntersectionObserver watches the canvas).
    await page.evaluate(() => ((document.querySelector('.demo-body') as HTMLElement).style.marginTop = '3000px'));
    await poll(async () => (await info(page))!.paused).toBe(true);
    await page.evaluate(() => ((document.querySelector('.demo-body') as HTMLElement).style.marginTop = ''));
    await poll(async () => (await info(page))!.paused).toBe(false);
    await context.close();
  }, 120_000);

  it('shows the 2D pictures when forced, and they work the same way', async () => {
    const { page, context, consoleErrors } = await openPage(app.browser, demoUrl('packet-journey', 'test=1&demo2d=1'), VIEWPORTS.laptop);
    await poll(() => mode(page)).toBe('2d:forced');
    expect(await page.locator('.demo-canvas').count()).toBe(0);
    await page.getByRole('img', { name: '一条消息的旅行' }).waitFor();
    await page.getByRole('button', { name: '剪断光纤 B' }).click();
    await page.getByRole('button', { name: '发送', exact: true }).click();
    await poll(async () => (await state(page)).complete).toBe(true);
    await screenshot(page, 'demos-2d-packet-journey-zh-CN-laptop');
    for (const id of DEMOS.slice(1)) {
      await page.goto(demoUrl(id, 'test=1&demo2d=1'));
      await poll(() => mode(page)).toBe('2d:forced');
      await page.locator('.demo-svg, .look-2d').first().waitFor();
      await screenshot(page, `demos-2d-${id}-zh-CN-laptop`);
    }
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await context.close();
  }, 180_000);

  it('switches to the 2D pictures when the first frames are too slow', async () => {
    const { page, context } = await openPage(app.browser, demoUrl('fly-drone', 'test=1&slowms=1'), VIEWPORTS.laptop);
    await poll(() => mode(page)).toBe('2d:slow');
    await page.getByText('这台电脑画 3D 太慢了').waitFor();
    // The drone still flies in 2D.
    await page.locator('.demo-stage').focus();
    await page.keyboard.down('PageUp');
    await poll(async () => (await state<{ altitude: number }>(page)).altitude).toBeGreaterThan(10);
    await page.keyboard.up('PageUp');
    await context.close();
  }, 120_000);

  it('shows the 2D pictures, not a blank canvas, when WebGL is disabled', async () => {
    const noGl = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-webgl', '--disable-3d-apis'] });
    try {
      const { page, context, consoleErrors } = await openPage(noGl, demoUrl('wifi-signals'), VIEWPORTS.laptop);
      for (const id of DEMOS) {
        await page.goto(demoUrl(id));
        await poll(() => mode(page)).toBe('2d:no-webgl');
        await page.locator('.demo-svg, .look-2d').first().waitFor();
        await page.getByText('这台电脑不能显示 3D 画面').waitFor();
      }
      await page.goto(demoUrl('wifi-signals'));
      await poll(() => mode(page)).toBe('2d:no-webgl');
      const before = await state<{ strength: number }>(page);
      for (let i = 0; i < 4; i++) await page.getByRole('button', { name: '向右移' }).click();
      expect((await state<{ strength: number }>(page)).strength).toBeLessThan(before.strength);
      await screenshot(page, 'demos-nowebgl-wifi-signals-zh-CN-laptop');
      expect(consoleErrors.filter((e) => !/WebGL/i.test(e)), consoleErrors.join('\n')).toEqual([]);
      await context.close();
    } finally {
      await noGl.close();
    }
  }, 180_000);

  it('looks around an imported panorama given by path, and refuses pictures from other hosts', async () => {
    const { page, context, external } = await openPage(app.browser, `${app.kite.url}/?test=1#/demos`, VIEWPORTS.laptop);
    // A panorama made on the spot (as an imported drone photo would be), passed like the gallery passes /media/<sha>.jpg.
    const picture = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 256;
      canvas.height = 128;
      const g = canvas.getContext('2d') as CanvasRenderingContext2D;
      g.fillStyle = '#e4572e';
      g.fillRect(0, 0, 256, 64);
      g.fillStyle = '#2b9348';
      g.fillRect(0, 64, 256, 64);
      return canvas.toDataURL('image/jpeg');
    });
    for (const query of ['test=1&slowms=100000', 'test=1&demo2d=1']) {
      await page.goto(`${app.kite.url}/?${query}#/demos/look-around/${encodeURIComponent(picture)}`);
      await poll(async () => (await state(page)).picture).toBe('imported');
    }
    // Another host is never fetched: the built-in village stays.
    await page.goto(`${app.kite.url}/?test=1&slowms=100000#/demos/look-around/${encodeURIComponent('https://example.com/pano.jpg')}`);
    await page.waitForFunction(() => (window.__kiteDemo?.info()?.frames ?? 0) > 5, null, { timeout: 60_000 });
    expect((await state(page)).picture).toBe('sample');
    expect(external).toEqual([]);
    await context.close();
  }, 120_000);

  it('appears on the pupil home with the number of demos', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await page.getByText('5 个 3D 演示').waitFor();
    await page.getByRole('link', { name: '网络小实验' }).tap();
    await page.getByRole('heading', { name: '网络小实验' }).waitFor();
    await page.getByRole('link', { name: /无线网和信号/ }).tap();
    await page.getByRole('heading', { name: '无线网和信号' }).waitFor();
    expect(page.url()).toContain('#/demos/wifi-signals');
    // Narration: step by step with next/back, or the free-play tip; each can be read aloud.
    const narration = page.locator('.demo-narration-text');
    await expect.poll(() => narration.textContent()).toMatch(/^这是一个家/);
    await page.getByText('第 1 步，共 6 步').waitFor();
    await page.getByRole('button', { name: '下一步' }).tap();
    await expect.poll(() => narration.textContent()).toMatch(/^地板的颜色/);
    await page.getByRole('button', { name: '上一步' }).tap();
    await expect.poll(() => narration.textContent()).toMatch(/^这是一个家/);
    await page.getByRole('button', { name: '自由玩' }).tap();
    await expect.poll(() => narration.textContent()).toMatch(/^自由玩/);
    expect(await page.locator('.demo-narration').getByRole('button', { name: '听一听' }).isVisible()).toBe(true);
    await context.close();
  }, 60_000);
});

/** A real finger drag (touch events through the browser's input pipeline, not synthetic pointer events). */
async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 8) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let i = 1; i <= steps; i++) {
    const point = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** WCAG contrast of an element's text against its own background colour. */
function contrastOf(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (el) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const style = getComputedStyle(el);
    if (Number(style.opacity) < 1) return 0; // faded: the colours below do not tell the truth
    const [a, b] = [lum(style.color), lum(style.backgroundColor)].sort((x, y) => y - x);
    return (a! + 0.05) / (b! + 0.05);
  });
}

describe('demos for a six-year-old by touch', () => {
  for (const [lang, size] of [['zh-CN', 'laptop'], ['en', 'fullHd']] as const) {
    const en = lang === 'en';
    it(`the guide moves on when the pupil does what it asks; keyboard hints only for keyboard users (${lang}, ${size})`, async () => {
      const { page, context } = await openPage(app.browser, `${app.kite.url}/#/demos`, VIEWPORTS[size]);
      await inLanguage(page, lang);
      await open3d(page, 'packet-journey');
      const narration = page.locator('.demo-narration-text');
      await page.getByText(en ? 'Step 1 of 7' : '第 1 步，共 7 步').waitFor();
      // A finger on the screen: no keyboard hints.
      await page.locator('.demo-stage').tap();
      expect(await page.locator('.demo-keys').count()).toBe(0);
      await page.getByRole('button', { name: en ? 'Send' : '发送', exact: true }).tap();
      await page.getByText(en ? 'Step 2 of 7' : '第 2 步，共 7 步').waitFor();
      await expect.poll(() => narration.textContent()).toMatch(en ? /cuts it into small packets/ : /切成几个小包/);
      await settle(page);
      await screenshot(page, `demos-guided-sent-${lang}-${size}`);
      // Steps that only explain wait for ›; the one that asks to cut fibre A moves on when it is cut.
      for (let i = 0; i < 4; i++) await page.getByRole('button', { name: en ? 'Next' : '下一步', exact: true }).tap();
      await page.getByText(en ? 'Step 6 of 7' : '第 6 步，共 7 步').waitFor();
      await page.getByRole('button', { name: en ? 'Cut fibre A' : '剪断光纤 A' }).tap();
      await page.getByText(en ? 'Step 7 of 7' : '第 7 步，共 7 步').waitFor();
      // Going back to a step already done does not push the pupil on again.
      await page.getByRole('button', { name: en ? 'Back' : '上一步', exact: true }).tap();
      await page.waitForTimeout(600);
      await page.getByText(en ? 'Step 6 of 7' : '第 6 步，共 7 步').waitFor();
      // The keyboard: the hints appear; a touch hides them again.
      await page.locator('.demo-stage').focus();
      await page.keyboard.press('Tab');
      await page.locator('.demo-keys').waitFor();
      await screenshot(page, `demos-keyboard-hints-${lang}-${size}`);
      await page.locator('.demo-stage').tap();
      await expect.poll(() => page.locator('.demo-keys').count()).toBe(0);
      expect(await axeProblems(page, '.demo')).toEqual([]);
      await inLanguage(page, 'zh-CN');
      await context.close();
    }, 120_000);

    it(`the not-yet button is readable, and posting moves the guide on (${lang}, ${size})`, async () => {
      const { page, context } = await openPage(app.browser, `${app.kite.url}/#/demos`, VIEWPORTS[size]);
      await inLanguage(page, lang);
      await open3d(page, 'photo-copies');
      const remove = page.getByRole('button', { name: en ? 'Delete from my phone' : '从我的手机删除' });
      expect(await remove.isDisabled()).toBe(true);
      expect(await contrastOf(page, '.demo-button.danger')).toBeGreaterThanOrEqual(4.5);
      await page.getByRole('button', { name: en ? 'Post to the group' : '发到群里' }).tap();
      await page.getByText(en ? 'Step 2 of 6' : '第 2 步，共 6 步').waitFor();
      expect(await contrastOf(page, '.demo-button.primary:disabled')).toBeGreaterThanOrEqual(4.5);
      // Now it can be pressed: red words on white, not red on red.
      expect(await remove.isEnabled()).toBe(true);
      expect(await contrastOf(page, '.demo-button.danger')).toBeGreaterThanOrEqual(4.5);
      await settle(page);
      await screenshot(page, `demos-photo-disabled-${lang}-${size}`);
      expect(await axeProblems(page, '.demo')).toEqual([]);
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: en ? 'Next' : '下一步', exact: true }).tap();
      await remove.tap();
      await page.getByText(en ? 'Step 6 of 6' : '第 6 步，共 6 步').waitFor();
      await inLanguage(page, 'zh-CN');
      await context.close();
    }, 120_000);

    it(`on a PC without a tilt sensor, "turn the tablet" offers dragging, and dragging looks around (${lang}, ${size})`, async () => {
      const { page, context } = await openPage(app.browser, `${app.kite.url}/#/demos`, VIEWPORTS[size]);
      await inLanguage(page, lang);
      await open3d(page, 'look-around');
      await page.getByRole('button', { name: en ? 'Turn the tablet to look' : '转动平板来看' }).tap();
      const tip = page.getByRole('status').filter({ hasText: en ? /Drag the picture with your finger/ : /用手指在画面上拖一拖/ });
      await tip.waitFor({ timeout: 10_000 });
      expect((await state(page)).gyro).toBe(false);
      // The pupil drags with a finger: the view turns (guide step 2 asks for this, and moves on).
      await page.getByRole('button', { name: en ? 'Next' : '下一步', exact: true }).tap();
      const before = (await state<{ yaw: number }>(page)).yaw;
      const box = (await page.locator('.demo-canvas').boundingBox())!;
      await touchDrag(page, { x: box.x + box.width * 0.7, y: box.y + box.height / 2 }, { x: box.x + box.width * 0.3, y: box.y + box.height / 2 });
      await poll(async () => (await state<{ yaw: number }>(page)).yaw).not.toBe(before);
      await page.getByText(en ? 'Step 3 of 5' : '第 3 步，共 5 步').waitFor();
      await settle(page);
      await screenshot(page, `demos-look-no-sensor-${lang}-${size}`);
      expect(await axeProblems(page, '.demo')).toEqual([]);
      await inLanguage(page, 'zh-CN');
      await context.close();
    }, 120_000);
  }

  it('a tablet with a tilt sensor keeps "turn the tablet" on and the view follows it', async () => {
    const { page, context } = await openPage(app.browser, `${app.kite.url}/#/demos`, VIEWPORTS.laptop);
    await open3d(page, 'look-around');
    // Stand-in for the sensor: the readings a tablet turned to the east (alpha 90°) would send.
    await page.evaluate(() => {
      window.setInterval(() => window.dispatchEvent(new DeviceOrientationEvent('deviceorientation', { alpha: 90, beta: 90, gamma: 0 })), 100);
    });
    await page.getByRole('button', { name: '转动平板来看' }).tap();
    await poll(async () => (await state<{ degrees: number }>(page)).degrees).toBe(90);
    await page.waitForTimeout(2000);
    expect((await state(page)).gyro).toBe(true);
    expect(await page.getByText(/用手指在画面上拖一拖/).count()).toBe(0);
    await context.close();
  }, 120_000);
});

/** Wait until the CSS animations have finished (a screenshot of the settled screen). */
function settle(page: Page) {
  return page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}
