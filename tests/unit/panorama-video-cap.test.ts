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

describe('360° videos larger than headsets can draw', () => {
  it('refuses a 360° video over 4096×2048 at import, says what to do, and keeps the one at the cap', { timeout: 120_000 }, async () => {
    const c = createCore({ dataDir: tempDir('kite-pano-video-') });
    cores.push(c);
    const dir = tempDir('kite-pano-card-');
    makeH264(path.join(dir, 'big360.mp4'), { seconds: 1, rate: 2, size: '4352x2176' });
    makeH264(path.join(dir, 'at-cap.mp4'), { seconds: 1, rate: 2, size: '4096x2048' });
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
