import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { makeH264 } from '../support/media';
import { callApi, openPage, screenshot, signInAsTeacher, useKiteAndBrowser, VIEWPORTS } from './support/app';

const app = useKiteAndBrowser({ env: { KITE_NO_BUILTIN_PACKS: '1' } });
let folder: string;
beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-jobs-card-'));
  makeH264(path.join(folder, 'CLIP_0001.MP4'), { seconds: 1, size: '320x180' });
}, 60_000);
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/**
 * Hold back a method's answer until the job it started has ended: the UI learns the job id only
 * after jobs.finished went by (what made CI fail when a small import finished first).
 */
async function answerAfterTheEnd(page: Page, method: string): Promise<void> {
  await page.route(`**/api/${method}`, async (route: Route) => {
    const response = await route.fetch();
    const { result } = (await response.json()) as { result: { jobId: string } };
    await expect.poll(async () => (await callApi<{ status: string }>(page, 'jobs.get', { jobId: result.jobId })).status, { timeout: 30_000 }).not.toBe('running');
    await route.fulfill({ response });
  });
}

describe('a job that ends before the UI knows its id', () => {
  it('the gallery import still shows its report', { timeout: 90_000 }, async () => {
    const { page, context } = await openPage(app.browser, app.kite.url, VIEWPORTS.laptop);
    await signInAsTeacher(page, app.kite.url, '2468');
    await page.getByRole('link', { name: '无人机视频', exact: true }).click();
    await page.getByLabel('存储卡或文件夹').fill(folder);
    await page.getByRole('button', { name: '查找视频' }).click();
    await answerAfterTheEnd(page, 'media.import');
    await page.getByRole('button', { name: /导入选中的文件/ }).click();
    await page.getByText('完成：导入 1 个，0 个已经在视频墙里，0 个没能导入。').waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: '视频墙里的内容（1）' }).waitFor();
    await screenshot(page, 'jobs-gallery-import-late-id-zh-CN-laptop');
    await context.close();
  });
});
