import type { HeadsetGazeAnswer, SessionDashboard, SessionHello } from '../../../shared/contract/session';
import type { Look } from '../../../shared/tour';
import { KiteError } from '../../../shared/errors';
import type { PupilTrack, SessionRecord } from './record';
import { checkLook, checkVideo, newTour, publicTour, tourOf, type Gazes, type TourMedia, type TourRecord } from './tour';

/** What the tour's methods need of the live session (src/core/hub/session/service.ts). */
export interface TourSessionParts {
  running: () => SessionRecord;
  change: (mutate: (r: SessionRecord) => void) => SessionDashboard;
  requireMember: (pupilId: string | null) => { r: SessionRecord; pupilId: string };
  track: (r: SessionRecord, pupilId: string) => PupilTrack;
  hello: (pupilId: string | null) => SessionHello;
  boardSoon: () => void;
  gazes: Gazes;
  tourMedia: TourMedia;
  now: () => number;
}

/** The guided tour's part of the live session: open, point, recentre, play, close, and where pupils and headsets look. */
export function tourMethods({ running, change, requireMember, track, hello, boardSoon, gazes, tourMedia, now }: TourSessionParts) {
  /** A pupil's or a headset's look, under its gaze key: taken (true) when a tour is open and it did not come too soon. */
  const see = (tour: TourRecord | undefined, key: string, look: unknown): boolean => {
    const seen = checkLook(look);
    const taken = !!tour && gazes.report(tour, key, seen);
    if (taken) boardSoon();
    return taken;
  };
  return {
    /** The guided tour: a 360° item of the gallery on every screen of the class. */
    openTour(sha256: string): SessionDashboard {
      running();
      const tour = newTour(tourMedia, sha256, now());
      return change((r) => void (r.tour = tour));
    },
    /** The spot every pupil should find (null: none). */
    pointTour(target: Look | null): SessionDashboard {
      const look = target && checkLook(target);
      return change((r) => void (tourOf(r).target = look && { id: crypto.randomUUID(), ...look }));
    },
    /** "Everyone look at me": every view turns to the teacher's. */
    recentreTour(look: Look): SessionDashboard {
      const to = checkLook(look);
      return change((r) => {
        const tour = tourOf(r);
        tour.recentre = { seq: (tour.recentre?.seq ?? 0) + 1, ...to };
      });
    },
    /** The teacher's video played, paused or moved: the class's clock, stamped with the hub's time it came. */
    playTour(video: unknown): SessionDashboard {
      const { playing, position } = checkVideo(video);
      return change((r) => {
        const tour = tourOf(r);
        if (tour.media.kind !== 'video') throw new KiteError('invalid_input', 'The class is looking at a photo, not a video: there is nothing to play or pause.');
        tour.video = { playing, position, at: now() };
      });
    },
    closeTour: () =>
      change((r) => {
        tourOf(r);
        delete r.tour;
      }),
    /**
     * Where a pupil looks in the tour (memory only; reports faster than 4 a second are dropped). A report
     * that crossed the tour's closing is answered with the state (the screen closes it), not refused.
     */
    tourGaze(pupilId: string | null, look: unknown): SessionHello {
      const { r, pupilId: id } = requireMember(pupilId);
      if (see(r.tour, id, look)) track(r, id).lastSeenAt = now();
      return hello(id);
    },
    /**
     * Where a headset joined over /headset looks (its device name shows on the gaze map like a pupil's):
     * the same checks and 4-a-second limit. A report that crossed the tour's closing is answered with no
     * tour (the headset page goes home), not refused: as a pupil's is.
     */
    headsetGaze(device: { id: string; name: string }, look: unknown): HeadsetGazeAnswer {
      const r = running();
      const key = gazes.nameHeadset(device);
      see(r.tour, key, look);
      const tour = publicTour(r.tour);
      return { tour, found: !!tour && gazes.found(r.tour, key), now: now() };
    },
  };
}
