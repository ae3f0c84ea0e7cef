import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { MESSAGES } from '../../src/shared/messages';
import { makeH264 } from '../support/media';
import { tempDir } from '../support/temp';

const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

/** A fresh core, closed after the test, and a card folder holding these H.264 videos (name → size). */
function coreWithCard(videos: Record<string, string>): { c: Core; dir: string } {
  const c = createCore({ dataDir: tempDir('kite-pano-') });
  cores.push(c);
  const dir = tempDir('kite-pano-card-');
  for (const [name, size] of Object.entries(videos)) makeH264(path.join(dir, name), { seconds: 1, rate: 2, size });
  return { c, dir };
}

describe('360° videos larger than headsets can draw', () => {
  it('refuses a 360° video over 4096×2048 at import, says what to do, and keeps the one at the cap', { timeout: 120_000 }, async () => {
    const { c, dir } = coreWithCard({ 'big360.mp4': '4352x2176', 'at-cap.mp4': '4096x2048' });
    const report = await c.media.importFolder(dir);
    expect(report.imported).toHaveLength(1);
    expect(report.failed).toEqual([{ path: 'big360.mp4', code: 'panorama_too_large', reason: expect.stringMatching(/4352×2176.*4096×2048.*4K/), details: { width: 4352, height: 2176 } }]);
    // Nothing of the refused video was kept: only the one at the cap is in the media folder.
    expect(fs.readdirSync(c.layout.media).filter((f) => f.endsWith('.mp4'))).toHaveLength(1);
    expect(fs.readdirSync(c.layout.tmp)).toEqual([]);
    // The teacher reads it in their language, with the video's size filled in.
    expect(MESSAGES.en.errors.panorama_too_large).toContain('{{width}}×{{height}}');
    expect(MESSAGES['zh-CN'].errors.panorama_too_large).toContain('{{width}}×{{height}}');
  });
});

describe("the teacher's word on a 360° picture", () => {
  it('unticks a 2:1 video that is not 360°, ticks it back, and will not mark a video over the cap', { timeout: 120_000 }, async () => {
    const { c, dir } = coreWithCard({ 'wide.mp4': '1024x512', 'big-flat.mp4': '4352x2448' });
    await c.media.importFolder(dir);
    const item = (name: string) => c.media.list().find((m) => m.originalName === name)!;
    expect([item('wide.mp4').panorama, item('big-flat.mp4').panorama]).toEqual([true, false]);
    expect(c.media.update({ sha256: item('wide.mp4').sha256, panorama: false }).panorama).toBe(false);
    // Other edits leave the teacher's word as it is.
    expect(c.media.update({ sha256: item('wide.mp4').sha256, title: '村口的路' })).toMatchObject({ title: '村口的路', panorama: false });
    expect(c.media.update({ sha256: item('wide.mp4').sha256, panorama: true }).panorama).toBe(true);
    const big = item('big-flat.mp4');
    expect(() => c.media.update({ sha256: big.sha256, title: 'x', panorama: true })).toThrow(expect.objectContaining({ code: 'panorama_mark_too_large', details: { width: 4352, height: 2448 } }));
    expect(item('big-flat.mp4')).toMatchObject({ title: big.title, panorama: false });
    expect(MESSAGES['zh-CN'].errors.panorama_mark_too_large).toContain('{{width}}×{{height}}');
  });
});
