import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, runKite, screenshot, signInAsTeacher, smallTouchTargets, systemVoicesScript, VIEWPORTS, type KiteServer } from './support/app';
import { HEADSET_WINDOW, headsetBrowser, hubJoinInfo, inVr, pointRightController, pullTrigger, startHubWithPictures } from './support/headset';

// A VR headset joins a hub (`kite serve --hub`) from its own browser: the plain-HTTP page that explains
// the certificate warning, the hub's HTTPS page with the join code, a 360° photo in VR, and the teacher
// removing the headset again.

const PIN = '2580';
let hub: KiteServer;
let browser: Browser;
beforeAll(async () => {
  hub = await startHubWithPictures('headset-join', { 'DJI_0360.JPG': '1024x512', 'DJI_0001.JPG': '800x600' }, ['--no-builtin-packs']);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** Where the exit button floats (VrPanel's PANEL): 1.2 m ahead, 0.38 m below the eyes (1.6 m). */
const EXIT_BUTTON: [number, number, number] = [0, 1.6 - 0.38, -1.2];

async function pressCode(page: Page, code: string) {
  for (const digit of code) await page.getByRole('button', { name: digit, exact: true }).click();
}

describe('joining the room from a VR headset', () => {
  it('explains the warning, joins with the code, shows the 360° photo in VR, and is cut off when the teacher removes it', { timeout: 240_000 }, async () => {
    const { address, code } = await hubJoinInfo(hub);
    const host = new URL(address).host;

    // The headset's browser: an emulated headset, and the certificate accepted as the pupil does after "Proceed".
    const { context, page, errors } = await headsetBrowser(browser);
    const outside: string[] = [];
    // Nothing but the hub, and on the hub nothing but /headset (never the teacher app's /api or /media).
    page.on('request', (r) => !r.url().startsWith('data:') && !r.url().startsWith('blob:') && (new URL(r.url()).host !== host || !new URL(r.url()).pathname.startsWith('/headset')) && outside.push(r.url()));

    // 1. The QR code's address, in plain HTTP: one calm page, its Chinese read aloud with the headset's voice.
    await context.addInitScript(systemVoicesScript());
    await page.goto(`http://${host}/headset`);
    await page.getByRole('img', { name: /高级 Advanced/ }).waitFor();
    expect(new URL(page.url()).protocol).toBe('http:');
    for (const [name, size] of [['1280x720', HEADSET_WINDOW], ['1366x768', VIEWPORTS.laptop], ['1920x1080', VIEWPORTS.fullHd]] as const) {
      await page.setViewportSize(size);
      await screenshot(page, `headset-join-explain-${name}`);
    }
    await page.setViewportSize(HEADSET_WINDOW);
    await page.evaluate(() => {
      const said: string[] = [];
      Object.assign(window, { said });
      speechSynthesis.speak = (u: SpeechSynthesisUtterance) => void said.push(`${u.lang} ${u.text}`);
    });
    const speakers = page.getByRole('button', { name: '听一听 Listen' });
    expect(await speakers.count()).toBe(3);
    await speakers.nth(1).click();
    expect(await page.evaluate(() => (window as unknown as { said: string[] }).said)).toEqual(['zh-CN 下一步会出现一个警告。别担心，这是老师的电脑。']);
    await page.getByRole('link', { name: /Continue/ }).click();

    // 2. The hub's HTTPS: the join code with big buttons (a wrong one first).
    await page.waitForURL(`https://${host}/headset/`);
    await page.getByRole('button', { name: '加入' }).waitFor();
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, 'headset-join-pad-zh-CN-1280x720');
    const wrong = code === '000000' ? '111111' : '000000';
    await pressCode(page, wrong);
    await page.getByRole('button', { name: '加入' }).click();
    await page.getByRole('alert').filter({ hasText: '加入码不对' }).waitFor();
    await pressCode(page, code);
    await page.getByRole('button', { name: '加入' }).click();

    // 3. Home: the 360° photo (not the flat one) and the VR demo, in big cards.
    await page.getByRole('heading', { name: /选一个，戴上眼镜看/ }).waitFor();
    await page.getByText('这副眼镜：VR-01').waitFor();
    expect(await page.getByRole('link', { name: /DJI_0360/ }).count()).toBe(1);
    // Imported from the command line, the photo has no small picture yet: its card shows 360°, not the 4096×2048 photo.
    expect(await page.locator('.headset-card img').count()).toBe(0);
    await page.getByRole('link', { name: /DJI_0360/ }).getByText('360°').waitFor();
    const photoSrc = await page.evaluate(async () => ((await (await fetch('/headset/api/catalogue')).json()) as { result: { items: { url: string }[] } }).result.items[0]?.url as string);
    expect(photoSrc).toMatch(/^\/headset\/media\//);
    expect(await page.getByRole('link', { name: /DJI_0001/ }).count()).toBe(0);
    await page.getByRole('link', { name: /开无人机/ }).waitFor();
    expect(await smallTouchTargets(page)).toEqual([]);
    for (const [name, size] of [['1280x720', HEADSET_WINDOW], ['1366x768', VIEWPORTS.laptop], ['1920x1080', VIEWPORTS.fullHd]] as const) {
      await page.setViewportSize(size);
      await screenshot(page, `headset-join-home-zh-CN-${name}`);
    }
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: /Pick one and look around/ }).waitFor();
    await screenshot(page, 'headset-join-home-en-1920x1080');
    await page.setViewportSize(VIEWPORTS.laptop);
    await screenshot(page, 'headset-join-home-en-1366x768');
    await page.setViewportSize(HEADSET_WINDOW);

    // 4. The photo, in VR and out again with the controller: back on the same photo.
    await page.getByRole('link', { name: /DJI_0360/ }).click();
    await page.locator('.panorama-view[data-ready="true"] canvas').waitFor();
    const photoUrl = page.url();
    await page.getByRole('button', { name: 'Enter VR' }).click();
    await expect.poll(() => inVr(page)).toBe(true);
    await page.waitForTimeout(500);
    await screenshot(page, 'headset-join-in-vr-en');
    await pointRightController(page, [0.2, 1.25, -0.35], EXIT_BUTTON);
    await page.waitForTimeout(300);
    await pullTrigger(page);
    await expect.poll(() => inVr(page), { timeout: 20_000 }).toBe(false);
    expect(page.url()).toBe(photoUrl);
    await page.getByRole('img', { name: /DJI_0360/ }).waitFor();
    await page.getByRole('link', { name: /Back/ }).click();
    await page.getByRole('heading', { name: /Pick one and look around/ }).waitFor();
    // The demo opens the same demo view as on the PCs, with its own Enter VR.
    await page.getByRole('link', { name: /Fly the drone/ }).click();
    await page.getByRole('heading', { name: 'Fly the drone' }).waitFor();
    await page.getByRole('button', { name: 'Enter VR' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'headset-join-demo-en-1280x720');
    await page.getByRole('link', { name: /Back/ }).click();
    await page.getByRole('heading', { name: /Pick one and look around/ }).waitFor();

    // A second headset scans the QR code: the code comes with it, and it joins without typing.
    const second = await browser.newContext({ viewport: HEADSET_WINDOW, ignoreHTTPSErrors: true, hasTouch: true });
    const scanned = await second.newPage();
    await scanned.goto(`http://${host}/headset#code=${code}`);
    // This headset has no Chinese voice: no speaker that would stay silent.
    await scanned.getByRole('link', { name: /Continue/ }).waitFor();
    expect(await scanned.getByRole('button', { name: '听一听 Listen' }).count()).toBe(0);
    await scanned.getByRole('link', { name: /Continue/ }).click();
    await scanned.getByText('这副眼镜：VR-02').waitFor();
    expect(new URL(scanned.url()).hash).toBe('#/');
    await second.close();
    expect((await runKite(['hub', 'devices', '--data', hub.dataDir])).stdout).toMatch(/\tVR-01 \[VR\]\t[\s\S]*\tVR-02 \[VR\]\t/);

    // 5. The teacher sees the headsets on the room tab and removes one with the PIN.
    const teacherContext = await browser.newContext({ viewport: VIEWPORTS.laptop, hasTouch: true });
    const teacher = await teacherContext.newPage();
    await signInAsTeacher(teacher, hub.url, PIN);
    await teacher.getByRole('link', { name: '教室', exact: true }).click();
    await teacher.getByRole('heading', { name: '教室里的 VR 眼镜（2 副）' }).waitFor();
    await teacher.getByRole('img', { name: 'VR 眼镜加入教室的二维码' }).waitFor();
    await teacher.getByText(`${host}/headset`).waitFor();
    await screenshot(teacher, 'headset-join-room-tab-zh-CN-1366x768');
    // The projector shows the headsets' QR code too, beside the PCs' join code.
    const projector = await teacherContext.newPage();
    await projector.goto(`${hub.url}/#/projector`);
    await projector.getByRole('img', { name: 'VR 眼镜加入教室的二维码' }).waitFor();
    await screenshot(projector, 'headset-join-projector-zh-CN-1366x768');
    await projector.setViewportSize(VIEWPORTS.fullHd);
    await screenshot(projector, 'headset-join-projector-zh-CN-1920x1080');
    await projector.close();
    await teacher.getByRole('button', { name: '移除 VR-01' }).click();
    await teacher.locator('.room-devices input[type=password]').fill(PIN);
    await teacher.locator('.room-devices form').getByRole('button', { name: '移除 VR-01' }).click();
    await teacher.getByRole('heading', { name: '教室里的 VR 眼镜（1 副）' }).waitFor();
    expect(await teacher.getByRole('button', { name: '移除 VR-01' }).count()).toBe(0);
    await teacherContext.close();

    // 6. Cut off: the photo's bytes are refused, and the headset is asked to join again.
    expect(await page.evaluate(async (src) => (await fetch(src)).status, photoSrc)).toBe(403);
    await page.reload();
    await page.getByText('The teacher took this headset out of the room.', { exact: false }).first().waitFor();
    await screenshot(page, 'headset-join-removed-en-1280x720');
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
