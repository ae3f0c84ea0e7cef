import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeDjiCard } from '../support/media';
import { callApi, openPage, openPupilPage, runKite, screenshot, signInAsTeacher, useKiteAndBrowser, VIEWPORTS } from './support/app';

const app = useKiteAndBrowser({ env: { KITE_NO_BUILTIN_PACKS: '1' } });
let card: string;
beforeAll(() => {
  card = makeDjiCard(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-thumbs-card-')), { seconds: 4 });
}, 60_000);
afterAll(() => fs.rmSync(card, { recursive: true, force: true }));

interface Item {
  sha256: string;
  title: string;
  hasThumbnail: boolean;
  previewFrames: number;
}

/** How many different colours the card's picture has, as drawn in the page (a real frame has many; a placeholder or blank picture few). */
function pictureColours(page: Page, title: string): Promise<number> {
  return page.evaluate(async (name) => {
    const card = [...document.querySelectorAll('.media-card')].find((c) => c.querySelector('.media-title')?.textContent === name);
    const img = card?.querySelector('img');
    if (!img) return 0;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 16) colours.add((data[i]! >> 4) * 256 + (data[i + 1]! >> 4) * 16 + (data[i + 2]! >> 4));
    return colours.size;
  }, title);
}

describe('gallery pictures are made where the gallery is first shown', () => {
  it('a video imported with `kite media import` gets a real picture when a pupil first opens the gallery', { timeout: 120_000 }, async () => {
    const imported = await runKite(['media', 'import', card, '--data', app.kite.dataDir]);
    expect(imported.stdout.trim()).toBe('3 imported, 0 already in the gallery, 0 failed');

    const before = (await (await fetch(`${app.kite.url}/api/media.list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { result: Item[] };
    expect(before.result.map((i) => i.hasThumbnail)).toEqual([false, false, false]);

    const { page, context, consoleErrors } = await openPupilPage(app.browser, `${app.kite.url}/#/gallery`, VIEWPORTS.laptop);

    for (const title of ['DJI_0001', 'DJI_0002', 'DJI_0003']) {
      await page.locator('.media-card', { hasText: title }).locator('img[src^="/media/thumbs/"]').waitFor({ timeout: 60_000 });
      expect(await pictureColours(page, title), title).toBeGreaterThan(20);
    }
    await expect.poll(async () => (await callApi<Item[]>(page, 'media.list')).filter((i) => i.previewFrames === 5).length, { timeout: 60_000 }).toBe(2);
    await screenshot(page, 'gallery-thumbs-after-cli-import-zh-CN-laptop');
    const after = await callApi<Item[]>(page, 'media.list');
    for (const item of after) {
      const jpeg = fs.readFileSync(path.join(app.kite.dataDir, 'media', 'thumbs', `${item.sha256}.jpg`));
      expect(jpeg.subarray(0, 2).toString('hex'), item.title).toBe('ffd8');
    }
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('a pupil can fill a missing picture but never replace one; the teacher can', async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await signInAsTeacher(page, app.kite.url, '2468');
    const [item] = await callApi<Item[]>(page, 'media.list');
    const file = path.join(app.kite.dataDir, 'media', 'thumbs', `${item!.sha256}.jpg`);
    const before = fs.readFileSync(file);
    const tiny = fs.readFileSync(file).toString('base64');
    const pupil = await openPupilPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    expect(await callApi(pupil.page, 'media.saveThumbnail', { sha256: item!.sha256, kind: 'thumb', jpegBase64: tiny })).toEqual({ saved: false });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(await callApi(page, 'media.saveThumbnail', { sha256: item!.sha256, kind: 'thumb', jpegBase64: tiny })).toEqual({ saved: true });
    await pupil.context.close();
    await context.close();
  });
});
