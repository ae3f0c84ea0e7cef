import type { ClassInfo } from '../../../shared/contract';
import type { DashboardPupil, SessionDashboard, SessionMe, SessionState, TourBoard } from '../../../shared/contract/session';
import { pollCounts, publicPoll } from './poll';
import { isOnline, isStuck, type SessionRecord } from './record';
import { publicTour } from './tour';

/** What every screen of the class follows: no names, no answers, except the one the teacher shows. */
export function publicState(record: SessionRecord | null, rev: number, now: number, nameOf: (pupilId: string) => string | null): SessionState {
  if (!record) return { rev, live: null };
  const { shown } = record;
  // A countdown that has run out is no pause, even before the hub's timer has sent the change.
  const pause = record.pause && (record.pause.until === null || record.pause.until > now) ? record.pause : null;
  return {
    rev,
    live: {
      id: record.id,
      classId: record.classId,
      lesson: record.lesson,
      mode: record.mode,
      step: record.step,
      pause: pause ? { secondsLeft: pause.until === null ? null : Math.max(0, Math.ceil((pause.until - now) / 1000)) } : null,
      hands: record.hands.map((h) => h.pupilId),
      poll: record.poll ? publicPoll(record.poll) : null,
      shown: shown ? { optionId: shown.optionId, name: shown.hideName ? null : nameOf(shown.pupilId), ...(shown.step ? { step: shown.step } : {}) } : null,
      tour: publicTour(record.tour),
    },
  };
}

/** The teacher's view: every pupil of the class with where they are, how they do, and who is missing. */
export function dashboardOf(record: SessionRecord | null, state: SessionState, klass: ClassInfo | undefined, now: number, tour: TourBoard | null): SessionDashboard {
  if (!record) return { state, className: null, stuckMinutes: 3, startedAt: null, pupils: [], hands: [], poll: null, tour: null, now };
  const names = new Map((klass?.pupils ?? []).map((p) => [p.id, p.name]));
  const pupils: DashboardPupil[] = (klass?.pupils ?? []).map((p) => {
    const track = record.pupils[p.id];
    return {
      id: p.id,
      name: p.name,
      avatar: p.avatar,
      online: isOnline(track, now),
      place: track?.place ?? null,
      stepId: track?.stepId ?? null,
      lastAnswer: track?.lastAnswer ?? null,
      stuck: isStuck(record, track, now),
      handUp: record.hands.some((h) => h.pupilId === p.id),
      pollAnswer: record.poll?.answers[p.id] ?? null,
    };
  });
  return {
    state,
    className: klass?.name ?? null,
    stuckMinutes: record.stuckMinutes,
    startedAt: new Date(record.startedAt).toISOString(),
    pupils,
    hands: record.hands.filter((h) => names.has(h.pupilId)).map((h) => ({ pupilId: h.pupilId, name: names.get(h.pupilId) ?? '', at: new Date(h.at).toISOString() })),
    poll: record.poll ? { counts: pollCounts(record.poll), correct: record.poll.correct, showing: record.poll.showing } : null,
    tour,
    now,
  };
}

export function meOf(record: SessionRecord | null, pupilId: string, inClass: boolean, tourFound: boolean): SessionMe {
  const inSession = record !== null && inClass;
  return {
    pupilId,
    inSession,
    handUp: inSession && record.hands.some((h) => h.pupilId === pupilId),
    pollAnswer: (inSession && record.poll?.answers[pupilId]) || null,
    tourFound: inSession && tourFound,
  };
}
