import type { Core } from '../core';
import type { Session } from '../core/auth/sessions';
import type { Viewer } from '../core/media';
import { findCards } from '../core/media/scan';
import type { mediaMethods } from '../shared/contract/media';
import type { DomainHandlers } from './types';

/** A signed-in pupil's resume positions follow them to any window; a guest's stay with the window. */
const viewerOf = (session: Session): Viewer => (session.pupil.mode === 'pupil' ? { pupilId: session.pupil.id } : { sessionId: session.id });

export function mediaHandlers(core: Core): DomainHandlers<typeof mediaMethods> {
  const { media } = core;
  return {
    'media.list': () => media.list(),
    'media.get': ({ ref }) => media.get(ref.replace(/^gallery:/, '')),
    'media.telemetry': ({ sha256 }) => ({ track: media.telemetry(sha256) }),
    'media.position': ({ sha256 }, ctx) => media.position(sha256, viewerOf(ctx.session)),
    'media.savePosition': ({ sha256, seconds }, ctx) => media.savePosition(sha256, viewerOf(ctx.session), seconds),
    'media.cards': () => findCards(),
    'media.scan': ({ path }) => media.scan(path),
    'media.import': ({ scanId, paths }) => media.startImport(scanId, paths),
    'media.update': (edit) => media.update(edit),
    'media.delete': ({ sha256 }) => media.remove(sha256),
    'media.saveThumbnail': ({ sha256, kind, index, jpegBase64 }, ctx) => media.saveThumbnail(sha256, kind, index, jpegBase64, { onlyIfMissing: ctx.session.role !== 'teacher' }),
  };
}
