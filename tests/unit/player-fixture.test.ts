import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { ACTIVITY_TYPES, STEP_TYPES } from '../../src/shared/pack';
import { tempDir } from '../support/temp';
import { ALL_LESSON, ALL_STEPS, buildPlayerPack, PLAYER_PACK_ID } from '../support/player-fixture';

describe('the lesson player fixture pack', () => {
  it('has every step type and installs with the real installer', async () => {
    expect(new Set(ALL_STEPS.map((s) => s.type))).toEqual(new Set(STEP_TYPES));
    expect(ACTIVITY_TYPES).toHaveLength(15);
    const core = createCore({ dataDir: tempDir(), backgroundBackups: false });
    try {
      await core.packs.install(await buildPlayerPack(tempDir()), { trustConfirmed: true });
      const view = core.packs.lesson(PLAYER_PACK_ID, ALL_LESSON);
      expect(view.lesson.steps.map((s) => s.id)).toEqual(ALL_STEPS.map((s) => s.id));
    } finally {
      core.close();
    }
  });
});
