import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ClassInfo } from '../../../shared/contract';
import type { PollInput, SessionDashboard, SessionHello, SessionMode, SessionState } from '../../../shared/contract/session';
import type { Step } from '../../../shared/pack';
import { KiteError } from '../../../shared/errors';
import { createKv } from '../../db/kv';
import type { EventBus } from '../../events';
import { makePoll } from './poll';
import type { SessionForwarder, SessionRoomCall } from './room';
import { KV_KEY, newTrack, ONLINE_MS, parseRecord, type PupilTrack, type SessionRecord } from './record';
import { dashboardOf, meOf, publicState } from './views';
import { createGazes, type TourMedia } from './tour';
import { tourMethods } from './tour-methods';
import { GAZE_EVERY_MS } from '../../../shared/tour';

export interface LiveSessionDeps {
  db: Database.Database;
  events: EventBus;
  now?: () => number;
  /** The room's classes and pupils (the roster). */
  classes: () => ClassInfo[];
  /** The steps of an installed lesson (throws not_found). */
  lessonSteps: (packId: string, lessonId: string) => Step[];
  /** A pupil's latest recorded answer to a step (on this PC's database: the hub has every PC's events). */
  lastAnswer?: (pupilId: string, ref: { packId: string; lessonId: string; stepId: string }) => { answer: unknown; correct: boolean | null } | null;
  /** A gallery item, for the guided tour (throws not_found). */
  tourMedia?: TourMedia;
}

const notRunning = () => new KiteError('session_not_running', 'No class session is running.');

/**
 * The live class session on the hub core: one at a time, saved in kv on every change (a hub
 * restart keeps it, pause and poll included). Every change goes out twice: the pupil-facing state
 * ('pupil' event) and the teacher's dashboard ('teacher' event).
 */
const noMedia: TourMedia = () => {
  throw new KiteError('not_found', 'The gallery has no such item.');
};

export function createLiveSession({ db, events, now = Date.now, classes, lessonSteps, lastAnswer = () => null, tourMedia = noMedia }: LiveSessionDeps) {
  const kv = createKv(db);
  const saved = (() => {
    try {
      return JSON.parse(kv.get(KV_KEY) ?? '{}') as { rev?: number };
    } catch {
      return {};
    }
  })();
  let record: SessionRecord | null = parseRecord(kv.get(KV_KEY));
  let rev = typeof saved.rev === 'number' ? saved.rev : 0;
  /** On a pupil PC: the hub's state, relayed (applyRemoteSessionState). Wins over the local one. */
  let remote: SessionState | null = null;
  let pauseTimer: NodeJS.Timeout | undefined;
  /** On a pupil PC joined to a hub: pupils' hello, hand and answers go to the hub (room.ts). */
  let forwarder: SessionForwarder | undefined;
  /** The guided tour's gaze map (memory only), and the next teacher's dashboard it is waiting to send. */
  const gazes = createGazes(now);
  let boardTimer: NodeJS.Timeout | undefined;

  const klass = (): ClassInfo | undefined => (record ? classes().find((c) => c.id === record?.classId) : undefined);
  const nameOf = (pupilId: string) => klass()?.pupils.find((p) => p.id === pupilId)?.name ?? null;
  const inClass = (pupilId: string) => record !== null && (klass()?.pupils.some((p) => p.id === pupilId) ?? false);
  const localState = (): SessionState => publicState(record, rev, now(), nameOf);
  const state = (): SessionState => remote ?? localState();
  const dashboard = (): SessionDashboard => dashboardOf(record, localState(), klass(), now(), record && gazes.board(record, klass()));
  /** Gaze reports reach the teacher at most 4 times a second, however many pupils report. */
  const boardSoon = () => {
    if (boardTimer) return;
    boardTimer = setTimeout(() => {
      boardTimer = undefined;
      events.emit('session.dashboard', dashboard());
    }, GAZE_EVERY_MS);
    boardTimer.unref();
  };

  const schedulePauseEnd = () => {
    clearTimeout(pauseTimer);
    const until = record?.pause?.until;
    if (until === undefined || until === null) return;
    pauseTimer = setTimeout(() => change((r) => void (r.pause?.until === until && (r.pause = null))), Math.max(0, until - now()));
    pauseTimer.unref();
  };
  const save = () => kv.set(KV_KEY, JSON.stringify({ rev, record }));
  /** Broadcast the state to the class and the dashboard to teachers. */
  const publish = () => {
    events.emit('session.state', localState());
    events.emit('session.dashboard', dashboard());
  };
  /** Apply a change to the running session: saved first, then sent. */
  const change = (mutate: (r: SessionRecord) => void): SessionDashboard => {
    if (!record) throw notRunning();
    mutate(record);
    rev += 1;
    save();
    schedulePauseEnd();
    publish();
    return dashboard();
  };
  const running = (): SessionRecord => {
    if (!record) throw notRunning();
    return record;
  };
  const track = (r: SessionRecord, pupilId: string): PupilTrack => (r.pupils[pupilId] ??= newTrack(now()));
  const hello = (pupilId: string | null): SessionHello => ({
    state: state(),
    me: pupilId ? meOf(record, pupilId, inClass(pupilId), gazes.found(record?.tour, pupilId)) : null,
    now: now(),
  });
  const requireMember = (pupilId: string | null): { r: SessionRecord; pupilId: string } => {
    const r = running();
    if (!pupilId || !inClass(pupilId)) throw new KiteError('session_not_running', 'This session is for another class.');
    return { r, pupilId };
  };

  /** On a pupil PC: show the hub's state (relayed by the room stream); older copies are ignored. null: the hub is gone. */
  const applyRemote = (next: SessionState | null): boolean => {
    if (next && remote && next.rev < remote.rev && remote.live?.id === next.live?.id) return false;
    remote = next;
    events.emit('session.state', state());
    return true;
  };

  schedulePauseEnd();

  return {
    state,
    dashboard,
    start(input: { classId: string; packId: string; lessonId: string; mode: SessionMode; stuckMinutes: number }): SessionDashboard {
      if (!classes().some((c) => c.id === input.classId)) throw new KiteError('not_found', 'There is no such class.');
      const steps = lessonSteps(input.packId, input.lessonId);
      const first = steps[0];
      if (!first) throw new KiteError('not_found', 'The lesson has no steps.');
      const at = now();
      record = {
        id: crypto.randomUUID(),
        classId: input.classId,
        lesson: { packId: input.packId, lessonId: input.lessonId },
        startedAt: at,
        mode: input.mode,
        step: { index: 0, stepId: first.id },
        stuckMinutes: input.stuckMinutes,
        pause: null,
        hands: [],
        poll: null,
        shown: null,
        pupils: {},
      };
      return change(() => undefined);
    },
    end(): SessionDashboard {
      running();
      record = null;
      rev += 1;
      save();
      schedulePauseEnd();
      publish();
      return dashboard();
    },
    setMode: (mode: SessionMode) => change((r) => void (r.mode = mode)),
    setStuckMinutes: (minutes: number) => change((r) => void (r.stuckMinutes = minutes)),
    goToStep(index: number): SessionDashboard {
      const r = running();
      const step = lessonSteps(r.lesson.packId, r.lesson.lessonId)[index];
      if (!step) throw new KiteError('invalid_input', `The lesson has no step ${index + 1}.`);
      return change((s) => {
        s.step = { index, stepId: step.id };
        // An answer to the step before is not one to this step.
        if (s.shown?.step) s.shown = null;
      });
    },
    pause: (seconds: number | null) => change((r) => void (r.pause = { until: seconds === null ? null : now() + seconds * 1000 })),
    resume: () => change((r) => void (r.pause = null)),
    clearHands: (pupilId?: string) => change((r) => void (r.hands = pupilId ? r.hands.filter((h) => h.pupilId !== pupilId) : [])),
    startPoll(input: PollInput): SessionDashboard {
      const r = running();
      const poll = makePoll(input, input.kind === 'lesson' ? lessonSteps(r.lesson.packId, r.lesson.lessonId) : []);
      return change((s) => {
        s.poll = poll;
        s.shown = null;
      });
    },
    showResults: (show: boolean) =>
      change((r) => {
        if (!r.poll) throw new KiteError('poll_closed', 'There is no question open.');
        r.poll.showing = show;
      }),
    endPoll: () =>
      change((r) => {
        r.poll = null;
        r.shown = null;
      }),
    /** Show a pupil's answer to the class: to the open poll, else to the session's step (any activity they answered). */
    showAnswer: (pupilId: string | null, hideName: boolean) =>
      change((r) => {
        if (pupilId === null) return void (r.shown = null);
        const optionId = r.poll?.answers[pupilId];
        if (optionId) return void (r.shown = { pupilId, optionId, hideName });
        const answered = inClass(pupilId) ? lastAnswer(pupilId, { ...r.lesson, stepId: r.step.stepId }) : null;
        if (!answered) throw new KiteError('not_found', 'That pupil has not answered this step yet.');
        // Answers are small by contract; one that is not (a damaged merge) is shown as "answered" only.
        const answer = JSON.stringify(answered.answer ?? null).length <= 4000 ? answered.answer : null;
        r.shown = { pupilId, optionId: null, hideName, step: { stepId: r.step.stepId, answer, correct: answered.correct } };
      }),

    ...tourMethods({ running, change, requireMember, track, hello, boardSoon, gazes, tourMedia, now }),

    /** A pupil screen is here (at `place`): the roll call; returns the state to show (a reconnecting screen pauses again). */
    hello(pupilId: string | null, place: string): SessionHello {
      if (pupilId && record && inClass(pupilId)) {
        const t = track(record, pupilId);
        const cameBack = now() - t.lastSeenAt >= ONLINE_MS || t.place !== place;
        t.lastSeenAt = now();
        t.place = place;
        if (cameBack) {
          save();
          events.emit('session.dashboard', dashboard());
        }
      }
      return hello(pupilId);
    },
    raiseHand(pupilId: string | null, up: boolean): SessionHello {
      const { r, pupilId: id } = requireMember(pupilId);
      const has = r.hands.some((h) => h.pupilId === id);
      if (up !== has) change((s) => void (s.hands = up ? [...s.hands, { pupilId: id, at: now() }] : s.hands.filter((h) => h.pupilId !== id)));
      return hello(id);
    },
    answerPoll(pupilId: string | null, pollId: string, optionId: string): SessionHello {
      const { r, pupilId: id } = requireMember(pupilId);
      const poll = r.poll;
      if (!poll || poll.id !== pollId || !poll.open) throw new KiteError('poll_closed', 'This question has closed.');
      if (!poll.options.some((o) => o.id === optionId)) throw new KiteError('invalid_input', 'That is not one of the choices.');
      change((s) => {
        if (s.poll) s.poll.answers[id] = optionId;
        const t = track(s, id);
        t.progressAt = now();
        if (poll.correct !== null) t.lastAnswer = { stepId: s.step.stepId, correct: optionId === poll.correct };
      });
      return hello(id);
    },
    /** The lesson player recorded an answer: the dashboard's right/wrong, and not stuck. */
    noteAttempt(pupilId: string, attempt: { packId: string; lessonId: string; stepId: string; correct: boolean | null }) {
      if (!record || !sameLesson(record, attempt) || !inClass(pupilId)) return;
      const t = track(record, pupilId);
      Object.assign(t, { lastAnswer: { stepId: attempt.stepId, correct: attempt.correct }, stepId: attempt.stepId, progressAt: now() });
      save();
      events.emit('session.dashboard', dashboard());
    },
    /** The lesson player moved to a step: the dashboard's current step. */
    notePosition(pupilId: string, position: { packId: string; lessonId: string; stepId: string }) {
      if (!record || !sameLesson(record, position) || !inClass(pupilId)) return;
      const t = track(record, pupilId);
      if (t.stepId === position.stepId) return;
      Object.assign(t, { stepId: position.stepId, progressAt: now() });
      save();
      events.emit('session.dashboard', dashboard());
    },
    /** On a pupil PC: send pupils' session calls to the hub (null: back to leading alone). */
    forwardTo(send: SessionForwarder | null): void {
      forwarder = send ?? undefined;
    },
    /** A pupil's call: to the hub when this PC follows one (its answer's state shown here too), else here. */
    async pupilCall(name: SessionRoomCall, input: Record<string, unknown>, here: () => SessionHello): Promise<SessionHello> {
      if (!forwarder) return here();
      const answer = await forwarder(name, input);
      applyRemote(answer.state);
      return { ...answer, state: state() };
    },
    applyRemote,
    close: () => {
      clearTimeout(pauseTimer);
      clearTimeout(boardTimer);
    },
  };
}
export type LiveSession = ReturnType<typeof createLiveSession>;

const sameLesson = (r: SessionRecord, ref: { packId: string; lessonId: string }) => r.lesson.packId === ref.packId && r.lesson.lessonId === ref.lessonId;
