import type { SessionMode } from '../../../shared/contract/session';
import type { PollRecord } from './poll';
import type { TourRecord } from './tour';

/** A pupil as this session has seen them: where, when, and how far. */
export interface PupilTrack {
  place: string | null;
  lastSeenAt: number;
  stepId: string | null;
  lastAnswer: { stepId: string; correct: boolean | null } | null;
  /** The last answer or step change (or joining): the stuck flag counts from here. */
  progressAt: number;
}

/** The whole live session on the hub: small JSON, saved on every change so a hub restart keeps it. */
export interface SessionRecord {
  id: string;
  classId: string;
  lesson: { packId: string; lessonId: string };
  startedAt: number;
  mode: SessionMode;
  step: { index: number; stepId: string };
  stuckMinutes: number;
  /** until: when the countdown ends (ms, hub clock); null: paused until the teacher ends it. */
  pause: { until: number | null } | null;
  hands: { pupilId: string; at: number }[];
  poll: PollRecord | null;
  /** A poll answer (optionId), or an answer to the session's step (step: from the pupil's recorded attempt). */
  shown: { pupilId: string; optionId: string | null; hideName: boolean; step?: { stepId: string; answer: unknown; correct: boolean | null } } | null;
  pupils: Record<string, PupilTrack>;
  /** The guided tour, while one is open (issue 19). */
  tour?: TourRecord;
}

/** A pupil screen that has not said hello for this long is offline. */
export const ONLINE_MS = 20_000;

export const KV_KEY = 'hub.session';

export function parseRecord(json: string | undefined): SessionRecord | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as { record?: SessionRecord | null };
    return value.record && typeof value.record.id === 'string' ? value.record : null;
  } catch {
    return null;
  }
}

export function newTrack(now: number): PupilTrack {
  return { place: null, lastSeenAt: 0, stepId: null, lastAnswer: null, progressAt: now };
}

export const isOnline = (track: PupilTrack | undefined, now: number): boolean => track !== undefined && now - track.lastSeenAt < ONLINE_MS;

export const isStuck = (record: SessionRecord, track: PupilTrack | undefined, now: number): boolean =>
  isOnline(track, now) && record.pause === null && track !== undefined && now - track.progressAt >= record.stuckMinutes * 60_000;
