import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createCore, type Core } from '../../src/core';
import type { JobView } from '../../src/shared/contract';
import { makeH264 } from '../support/media';
import { buildFixturePack, fixtureKeys, fixtureLesson } from '../support/packs';
import { eventually, joinPupilPcs, startPupilPc } from '../support/room';
import { inLanguage, launchBrowser, screenshot, signInAsTeacher, smallTouchTargets, VIEWPORTS } from './support/app';
import { startHubKite } from './support/hub';

// Content goes out from the hub (issue 15): the teacher sends a pack and a drone video from the
// Classroom tab of `kite serve --hub`, three pupil PCs fetch them, and "who has what" shows it;
// and a hub killed -9 in the middle of a download: the pupil PC resumes and uses only a checked file.

const PIN = '2580';
const PACK_ID = 'org.example.room-pack';
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** A hub data folder prepared before `kite serve --hub` starts on it: a trusted signed pack and a video. */
async function hubData(prepare: (core: Core) => Promise<void>): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-dist-'));
  const core = createCore({ dataDir });
  try {
    core.packs.trust.add('Test publisher', fixtureKeys().publicKey.publicKey);
    await prepare(core);
  } finally {
    core.close();
  }
  return dataDir;
}

const roomPack = (media: Record<string, Buffer> = {}) =>
  buildFixturePack(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-pack-')), {
    id: PACK_ID,
    title: { 'zh-CN': '网络安全课', en: 'Staying safe online' },
    lessons: [fixtureLesson('passwords')],
    signWith: fixtureKeys().privateKeyPem,
    media,
  });

describe('content goes out from the hub', () => {
  it('the teacher sends a pack and a video to three pupil PCs and sees who has what, in Chinese and English', { timeout: 180_000 }, async () => {
    const dataDir = await hubData(async (core) => {
      await core.packs.install(await roomPack(), { trustConfirmed: true });
      // Made at this school, unsigned: the teacher confirmed it with the PIN when installing it here.
      await core.packs.install(await buildFixturePack(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-local-')), { id: 'org.example.local', title: { 'zh-CN': '本校自编课', en: 'Our own lesson' } }), { trustConfirmed: true });
      const card = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-card-'));
      makeH264(path.join(card, '稻田上空.mp4'), { seconds: 2 });
      await core.media.importFolder(card);
    });
    const hub = await startHubKite(dataDir);
    try {
      const pcs = await joinPupilPcs(hub, 3, (pc) => {
        // PC-03 accepts only signed packs; PC-02 has a pack a teacher copied from a USB stick.
        if (pc.core.hub.client.pairing()?.deviceName === 'PC-03') pc.core.settings.update({ packTrustPolicy: 'refuse' });
      });
      await pcs[1]?.core.packs.install(await buildFixturePack(fs.mkdtempSync(path.join(os.tmpdir(), 'kite-e2e-usb-')), { id: 'org.example.usb', title: { 'zh-CN': 'U盘里的课', en: 'From a USB stick' } }), { trustConfirmed: true });

      const context = await browser.newContext({ viewport: VIEWPORTS.laptop, hasTouch: true });
      const page = await context.newPage();
      await signInAsTeacher(page, hub.kite.url, PIN);
      await page.getByRole('link', { name: '教室', exact: true }).click();
      await page.getByRole('checkbox', { name: /网络安全课/ }).check();
      await page.getByRole('checkbox', { name: /本校自编课/ }).check();
      await page.getByRole('checkbox', { name: /稻田上空/ }).check();
      expect(await smallTouchTargets(page)).toEqual([]);
      await page.getByRole('button', { name: '发送到每台学生电脑（3 项）' }).click();
      await expect.poll(() => page.getByText('已发送。学生电脑正在下载，进度见下方。').isVisible()).toBe(true);
      await eventually(() => pcs.every((pc) => pc.core.media.list().length === 1), 'the video on every pupil PC', 60_000);
      await eventually(() => pcs.slice(0, 2).every((pc) => pc.core.packs.list().some((p) => p.id === PACK_ID)), 'the pack on PC-01 and PC-02', 60_000);

      const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '学生电脑' }) });
      const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(name) }) });
      await expect.poll(() => row('PC-01').getByText('✓ 已有').count(), { timeout: 20_000 }).toBe(3);
      await expect.poll(() => row('PC-02').getByText('U盘里的课 v1.0.0').isVisible()).toBe(true);
      // PC-03 takes the signed pack the hub vouches for, and refuses the unsigned one, in plain words.
      await expect.poll(() => row('PC-03').getByText('✓ 已有').count(), { timeout: 20_000 }).toBe(2);
      await expect.poll(() => row('PC-03').getByText('失败：').isVisible()).toBe(true);
      await page.locator('.room-holdings').scrollIntoViewIfNeeded();
      await screenshot(page, 'room-dist-zh-CN-1366x768');
      await page.setViewportSize(VIEWPORTS.fullHd);
      await page.locator('.room-send').scrollIntoViewIfNeeded();
      await screenshot(page, 'room-dist-zh-CN-1920x1080');

      await inLanguage(page, 'en');
      await page.locator('.room-send').scrollIntoViewIfNeeded();
      await expect.poll(() => page.getByRole('heading', { name: 'Who has what' }).isVisible()).toBe(true);
      // Pack titles follow the teacher's language.
      await expect.poll(() => page.getByRole('columnheader', { name: /Staying safe online/ }).isVisible()).toBe(true);
      expect(await page.getByRole('checkbox', { name: /Staying safe online/ }).count()).toBe(1);
      await expect.poll(() => page.getByRole('row').filter({ hasText: 'PC-02' }).getByText('online').isVisible()).toBe(true);
      await screenshot(page, 'room-dist-en-1920x1080');
      await page.setViewportSize(VIEWPORTS.laptop);
      await page.locator('.room-holdings').scrollIntoViewIfNeeded();
      await screenshot(page, 'room-dist-en-1366x768');
      await context.close();
      for (const pc of pcs) await pc.stop();
    } finally {
      await hub.kite.stop();
    }
  });

  it('the hub killed -9 mid-download: the pupil PC resumes from its partial file and installs only the checked pack', { timeout: 180_000 }, async () => {
    const big = Buffer.alloc(160_000_000);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32LE(i * 2654435761 >>> 0, i);
    let offered = { sha256: '', size: 0 };
    const dataDir = await hubData(async (core) => {
      await core.packs.install(await roomPack({ 'media/flight.mp4': big }), { trustConfirmed: true });
      core.hub.setRole('hub');
      offered = (await core.distribution.send([PACK_ID], [])).offer[0] as typeof offered;
    });
    let hub = await startHubKite(dataDir);
    const pc = startPupilPc();
    await pc.core.hub.join(hub.address, hub.code, 'PC-01');
    const progress: JobView[] = [];
    pc.core.events.subscribe((name, payload) => name === 'jobs.progress' && progress.push(payload as JobView));
    const part = path.join(pc.core.layout.root, 'hub', 'downloads', `${offered.sha256}.part`);
    const size = () => (fs.existsSync(part) ? fs.statSync(part).size : 0);
    const { followRoom } = await import('../../src/core/hub/room-wiring');
    const stop = followRoom(pc.core);
    await eventually(() => size() > 1_000_000, 'the download under way', 60_000);
    hub.kite.process.kill('SIGKILL');
    await new Promise((r) => hub.kite.process.once('exit', r));
    const killedAt = size();
    expect(killedAt).toBeLessThan(offered.size);
    await new Promise((r) => setTimeout(r, 1000));
    // The partial file survives; nothing is installed from it.
    expect(size()).toBeGreaterThanOrEqual(killedAt);
    expect(pc.core.packs.list().some((p) => p.id === PACK_ID)).toBe(false);

    const firstJob = progress[0]?.jobId;
    hub = await startHubKite(dataDir, hub.port);
    try {
      await eventually(() => pc.core.packs.list().some((p) => p.id === PACK_ID), 'the pack installed after the restart', 120_000);
      // The second try started where the first stopped (not at 0 bytes).
      const resumed = progress.find((p) => p.jobId !== firstJob);
      expect((resumed?.progress as { bytesDone: number } | null)?.bytesDone).toBeGreaterThanOrEqual(killedAt);
      expect(fs.existsSync(part)).toBe(false);
      expect(pc.core.packs.list().find((p) => p.id === PACK_ID)?.signature).toBe('trusted');
      await stop();
    } finally {
      await hub.kite.stop();
    }
  });
});
