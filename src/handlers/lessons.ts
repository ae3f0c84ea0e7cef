import type { Core } from '../core';
import type { lessonMethods } from '../shared/contract/lessons';
import type { DomainHandlers } from './types';

export function lessonHandlers(core: Core): DomainHandlers<typeof lessonMethods> {
  return {
    'lessons.get': ({ packId, lessonId }) => {
      const view = core.packs.lesson(packId, lessonId);
      return { ...view, recordings: core.narration.forLesson(view.pack.id, view.pack.version, lessonId) };
    },
  };
}
