import { describe, expect, it } from 'vitest';
import { PANORAMA_CAP } from '../../src/shared/panorama';
import { cappedSize } from '../../src/renderer/src/lib/panoramaSize';

describe('360° texture cap (headsets stop at 4096 a side)', () => {
  it('scales big panoramas down to 4096×2048 and keeps their shape', () => {
    expect(cappedSize(8192, 4096)).toEqual(PANORAMA_CAP);
    expect(cappedSize(11904, 5952)).toEqual({ width: 4096, height: 2048 });
    expect(cappedSize(6000, 2000)).toEqual({ width: 4096, height: 1365 });
    expect(cappedSize(3000, 3000)).toEqual({ width: 2048, height: 2048 });
  });

  it('leaves pictures that already fit as they are', () => {
    expect(cappedSize(4096, 2048)).toEqual({ width: 4096, height: 2048 });
    expect(cappedSize(800, 400)).toEqual({ width: 800, height: 400 });
  });
});
