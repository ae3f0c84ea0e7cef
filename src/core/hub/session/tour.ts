import crypto from 'node:crypto';
import type { ClassInfo } from '../../../shared/contract';
import { TourLook, TourVideoInput, type TourBoard, type TourState } from '../../../shared/contract/session';
import { KiteError } from '../../../shared/errors';
import { GAZE_EVERY_MS, hasFound, type ClassVideo, type Look } from '../../../shared/tour';
import { isOnline, ONLINE_MS, type SessionRecord } from './record';

/** The guided tour as the hub keeps it (in the saved session): what the class looks at, the spot, the last "look at me". */
export interface TourRecord {
  id: string;
  media: { sha256: string; kind: 'photo' | 'video'; title: string };
  target: (Look & { id: string }) | null;
  recentre: (Look & { seq: number }) | null;
  /** A video's clock: the teacher's video as they last played, paused or moved it (absent: saved by an older hub). */
  video?: ClassVideo | null;
}

/** The gallery item the teacher opens for the class (throws not_found). */
export type TourMedia = (sha256: string) => { sha256: string; kind: 'photo' | 'video'; title: string; panorama: boolean };

/** A look as given (a pupil's report, the teacher's spot): finite, and within the picture's range, else invalid_input. */
export function checkLook(look: unknown): Look {
  const parsed = TourLook.safeParse(look);
  if (!parsed.success) throw new KiteError('invalid_input', 'A direction is a yaw from −π to π and a pitch from −π/2 to π/2 (radians).');
  return parsed.data;
}

/** The teacher's video as given: playing or not, at 0 s to a day, else invalid_input. */
export function checkVideo(video: unknown): { playing: boolean; position: number } {
  const parsed = TourVideoInput.safeParse(video);
  if (!parsed.success) throw new KiteError('invalid_input', "The video's moment is playing or paused at 0 to 86400 seconds.");
  return parsed.data;
}

/** Open the tour on a 360° item of the gallery: a new tour, no spot yet; a video plays from its start now (hub clock). */
export function newTour(media: TourMedia, sha256: string, now: number): TourRecord {
  const item = media(sha256);
  if (!item.panorama) throw new KiteError('invalid_input', 'Only a 360° photo or video can be opened for the class.');
  const video = item.kind === 'video' ? { playing: true, position: 0, at: now } : null;
  return { id: crypto.randomUUID(), media: { sha256: item.sha256, kind: item.kind, title: item.title.slice(0, 200) }, target: null, recentre: null, video };
}

/** The tour as every screen gets it (a video tour saved by an older hub has no clock: null). */
export const publicTour = (tour: TourRecord | undefined): TourState | null => (tour ? { ...tour, video: tour.video ?? null } : null);

export const tourOf = (record: SessionRecord | null): TourRecord => {
  const tour = record?.tour;
  if (!tour) throw new KiteError('tour_closed', 'No 360° picture is open for the class.');
  return tour;
};

/** A headset's key on the gaze map (never a pupil's id: those are UUIDs). */
export const headsetKey = (deviceId: string) => `headset:${deviceId}`;

interface Gaze extends Look {
  at: number;
  /** The spot (target id) this pupil found; a new spot has to be found again. */
  foundTarget: string | null;
}

/** Whether a gaze found the tour's spot (the one the teacher points at now). */
const foundIn = (tour: TourRecord | undefined, gaze: Gaze | undefined): boolean => !!tour?.target && gaze?.foundTarget === tour.target.id;

/**
 * Where each pupil looks in the open tour: kept in memory only (never saved, never progress), per
 * pupil, at most one report per GAZE_EVERY_MS (a faster one is dropped); a pupil who looked within
 * FOUND_DEGREES of the spot has found it, until the teacher points at another.
 */
export function createGazes(now: () => number) {
  let tourId: string | null = null;
  const gazes = new Map<string, Gaze>();
  /** Headsets joined over /headset (no pupil signs in on them): their device names by gaze key, shown like a pupil while they report. */
  const headsets = new Map<string, string>();
  const forTour = (tour: TourRecord | undefined) => {
    if (tour?.id !== tourId) gazes.clear();
    tourId = tour?.id ?? null;
  };
  return {
    /** Returns whether the report was taken (false: it came too soon after the last one). */
    report(tour: TourRecord, pupilId: string, look: Look): boolean {
      forTour(tour);
      const last = gazes.get(pupilId);
      // A little slack: timers on a busy PC fire late and early.
      if (last && now() - last.at < GAZE_EVERY_MS * 0.8) return false;
      const target = tour.target;
      const found = target && (last?.foundTarget === target.id || hasFound(look, target)) ? target.id : null;
      gazes.set(pupilId, { ...look, at: now(), foundTarget: found });
      return true;
    },
    /** A headset's gaze key (its reports follow a pupil's rules); its device name shows on the map like a pupil's. */
    nameHeadset(device: { id: string; name: string }): string {
      const key = headsetKey(device.id);
      headsets.set(key, device.name);
      return key;
    },
    found(tour: TourRecord | undefined, pupilId: string): boolean {
      forTour(tour);
      return foundIn(tour, gazes.get(pupilId));
    },
    /** The teacher's gaze map: online pupils of the class who said where they look, and how many found the spot. */
    board(record: SessionRecord, klass: ClassInfo | undefined): TourBoard | null {
      const tour = record.tour;
      forTour(tour);
      if (!tour) return null;
      const here = (klass?.pupils ?? []).filter((p) => isOnline(record.pupils[p.id], now()));
      // A headset is here while it reports (it says where it looks 4 times a second while the tour is open).
      const headsetsHere = [...headsets].filter(([key]) => now() - (gazes.get(key)?.at ?? -Infinity) < ONLINE_MS).map(([id, name]) => ({ id, name }));
      const gazesHere = [...here, ...headsetsHere].flatMap((p) => {
        const g = gazes.get(p.id);
        return g ? [{ pupilId: p.id, name: p.name, yaw: g.yaw, pitch: g.pitch, found: foundIn(tour, g) }] : [];
      });
      return { gazes: gazesHere, found: gazesHere.filter((g) => g.found).length, here: here.length + headsetsHere.length };
    },
  };
}
export type Gazes = ReturnType<typeof createGazes>;
