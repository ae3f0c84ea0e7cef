import { z } from 'zod';
import { Id, PackId } from '../pack';
import { PICTURES } from '../avatars';
import { boundedJson, event, method, NoInput } from './define';

// The live class session (issue 15): the teacher leads the room from one screen. The pupil-facing
// state is small JSON (a step, a pause, a poll), pushed as a 'pupil' event; everything that names
// pupils goes only to teachers. A pupil PC shows the hub's state relayed through the room stream.
//
// A pupil PC may run an older Kite than the hub (a room is updated PC by PC). So the state's objects
// drop fields they do not know (zod's default) rather than refuse the whole state: a newer hub's
// additions (as `tour`, then its `video`, were) reach an older PC as the part it understands.
// What a teacher or pupil sends (method inputs) stays strict.

const EntityId = z.string().uuid();
const Text = z.string().max(400);
/** Text in each language the lesson has ("en", "zh-CN"); a question the teacher typed has one entry, "any". */
const LocalText = z.record(z.string().max(10), Text).refine((t) => Object.keys(t).length <= 6, 'at most 6 languages');
export type LocalText = z.infer<typeof LocalText>;

export const SessionMode = z.enum(['follow', 'free']);
export type SessionMode = z.infer<typeof SessionMode>;
export const PollPicture = z.enum(PICTURES);
export type PollPicture = z.infer<typeof PollPicture>;

const PollOption = z.object({ id: z.string().max(64), label: LocalText.nullable(), picture: PollPicture.nullable() });
export type PollOption = z.infer<typeof PollOption>;

/** The poll as pupils see it: the question and choices; the counts only once the teacher shows them. */
const PublicPoll = z
  .object({
    id: z.string().max(64),
    kind: z.enum(['lesson', 'true-false', 'pictures']),
    question: LocalText,
    options: z.array(PollOption).min(2).max(6),
    open: z.boolean(),
    answered: z.number().int().min(0),
    /** Answers per option, in option order: only while the teacher shows the chart on every screen. */
    results: z.array(z.number().int().min(0)).nullable(),
  });
export type PublicPoll = z.infer<typeof PublicPoll>;

/** A direction in a 360° picture (shared/tour.ts): yaw −π…π (left is positive), pitch −π/2…π/2 (up is positive). */
export const TourLook = z.object({ yaw: z.number().min(-Math.PI).max(Math.PI), pitch: z.number().min(-Math.PI / 2).max(Math.PI / 2) }).strict();
/** Where a 360° video is, in seconds (a day at most: a tour's video is minutes long). */
const VideoSeconds = z.number().min(0).max(86_400);
/** The teacher's video in a tour: playing or paused, at that moment of it (what the teacher sends). */
export const TourVideoInput = z.object({ playing: z.boolean(), position: VideoSeconds }).strict();
/**
 * The class's clock in a video tour (shared/tour.ts ClassVideo): the teacher's video was at `position`
 * at `at` (ms on the hub's own clock; each screen measures how far its clock is from the hub's).
 */
const TourVideo = z.object({ ...TourVideoInput.shape, at: z.number().int().min(0).max(1e13) });
/**
 * The guided tour (issue 19): the 360° photo or video the teacher opened for the class, the spot
 * they point at (a new id each time), their last "everyone look at me" (seq grows each time) and,
 * in a video, the class's clock (null in a photo, and from a hub older than it: screens play on their own).
 */
const TourState = z
  .object({
    id: z.string().max(64),
    media: z.object({ sha256: z.string().regex(/^[a-f0-9]{64}$/), kind: z.enum(['photo', 'video']), title: z.string().max(200) }),
    target: z.object({ ...TourLook.shape, id: z.string().max(64) }).nullable(),
    recentre: z.object({ ...TourLook.shape, seq: z.number().int().min(1) }).nullable(),
    video: TourVideo.nullable().default(null),
  });
export type TourState = z.infer<typeof TourState>;

/** What every pupil screen of the class (and the projector) follows. No pupil's name unless the teacher shows one answer with the name. */
export const SessionState = z
  .object({
    /** Grows with every change: a relayed copy older than the one on screen is ignored. */
    rev: z.number().int().min(0),
    live: z
      .object({
        id: z.string().max(64),
        classId: EntityId,
        lesson: z.object({ packId: PackId, lessonId: Id }),
        mode: SessionMode,
        step: z.object({ index: z.number().int().min(0).max(500), stepId: Id }),
        /** Screens paused; secondsLeft: the countdown when it was sent (null: until the teacher ends it). */
        pause: z.object({ secondsLeft: z.number().int().min(0).max(3600).nullable() }).nullable(),
        /** Pupils with a hand up, in the order they raised it (ids only). */
        hands: z.array(EntityId).max(200),
        poll: PublicPoll.nullable(),
        /**
         * One pupil's answer shown to the class; name null when the teacher hides it. A poll answer is its
         * option (optionId); an answer to the session's step (any activity) comes as `step`, optionId null.
         */
        shown: z
          .object({
            optionId: z.string().max(64).nullable(),
            name: z.string().max(60).nullable(),
            step: z.object({ stepId: Id, answer: boundedJson(8, 4000), correct: z.boolean().nullable() }).optional(),
          })
          .nullable(),
        tour: TourState.nullable().default(null),
      })
      .nullable(),
  });
export type SessionState = z.infer<typeof SessionState>;
export type LiveState = NonNullable<SessionState['live']>;

/** A signed-in pupil's own part: their hand and their answer to the open poll. */
export interface SessionMe {
  pupilId: string;
  inSession: boolean;
  handUp: boolean;
  pollAnswer: string | null;
  /** This pupil has found the spot the teacher points at (the guided tour). */
  tourFound: boolean;
}
export interface SessionHello {
  state: SessionState;
  me: SessionMe | null;
  /** The hub's clock when it answered (ms): a screen sets its video tour's clock by it (absent from an older hub). */
  now?: number;
}

/** One pupil of the class on the teacher's dashboard (also the roll call). */
export interface DashboardPupil {
  id: string;
  name: string;
  avatar: string;
  online: boolean;
  /** Where they signed in: a window of this PC or a pupil PC's name; null when never seen this session. */
  place: string | null;
  stepId: string | null;
  lastAnswer: { stepId: string; correct: boolean | null } | null;
  stuck: boolean;
  handUp: boolean;
  pollAnswer: string | null;
}
export interface SessionDashboard {
  state: SessionState;
  className: string | null;
  stuckMinutes: number;
  startedAt: string | null;
  pupils: DashboardPupil[];
  /** Raised hands, oldest first. */
  hands: { pupilId: string; name: string; at: string }[];
  /** The open poll's live counts (in option order) and the right choice, if the lesson has one. */
  poll: { counts: number[]; correct: string | null; showing: boolean } | null;
  /** The guided tour: where each pupil looks (online pupils who reported lately) and who found the spot. */
  tour: TourBoard | null;
  /** This hub's clock when it made the dashboard (ms): the teacher's screen sets its video tour's clock by it. */
  now: number;
}
/** The hub's answer to a headset's look (POST /headset/api/gaze): the tour (null: it has closed), and whether this headset found the spot. */
export interface HeadsetGazeAnswer {
  tour: TourState | null;
  found: boolean;
  /** The hub's clock when it answered (ms): the headset sets its video tour's clock by it. */
  now: number;
}
export interface TourGaze {
  pupilId: string;
  name: string;
  yaw: number;
  pitch: number;
  found: boolean;
}
export interface TourBoard {
  gazes: TourGaze[];
  /** Pupils who found the spot, of the pupils here (online). */
  found: number;
  here: number;
}

const Seconds = z.number().int().min(5).max(3600);
const StuckMinutes = z.number().int().min(1).max(60);
export const PollInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lesson'), stepId: Id }).strict(),
  z.object({ kind: z.literal('true-false'), question: z.string().trim().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('pictures'), question: z.string().trim().min(1).max(200), pictures: z.array(PollPicture).min(2).max(4) }).strict(),
]);
export type PollInput = z.infer<typeof PollInput>;

export const sessionMethods = {
  'session.start': method<SessionDashboard>()(
    'teacher',
    z.object({ classId: EntityId, packId: PackId, lessonId: Id, mode: SessionMode.default('follow'), stuckMinutes: StuckMinutes.default(3) }).strict(),
  ),
  'session.end': method<SessionDashboard>()('teacher', NoInput),
  'session.dashboard': method<SessionDashboard>()('teacher', NoInput),
  'session.setMode': method<SessionDashboard>()('teacher', z.object({ mode: SessionMode }).strict()),
  'session.goToStep': method<SessionDashboard>()('teacher', z.object({ index: z.number().int().min(0).max(500) }).strict()),
  'session.setStuckMinutes': method<SessionDashboard>()('teacher', z.object({ minutes: StuckMinutes }).strict()),
  'session.pause': method<SessionDashboard>()('teacher', z.object({ seconds: Seconds.nullable().default(null) }).strict()),
  'session.resume': method<SessionDashboard>()('teacher', NoInput),
  /** One pupil's hand down, or every hand (no pupilId). */
  'session.clearHands': method<SessionDashboard>()('teacher', z.object({ pupilId: EntityId.optional() }).strict()),
  'session.startPoll': method<SessionDashboard>()('teacher', PollInput),
  'session.showResults': method<SessionDashboard>()('teacher', z.object({ show: z.boolean() }).strict()),
  'session.endPoll': method<SessionDashboard>()('teacher', NoInput),
  /** Show one pupil's answer on every screen, their poll answer or else their answer to the session's step (hideName: "a classmate"); pupilId null: stop. */
  'session.showAnswer': method<SessionDashboard>()('teacher', z.object({ pupilId: EntityId.nullable(), hideName: z.boolean().default(true) }).strict()),

  /** The guided tour: take the class into a 360° photo or video of the gallery, point at a spot, bring every view to the teacher's. */
  'session.openTour': method<SessionDashboard>()('teacher', z.object({ sha256: z.string().regex(/^[a-f0-9]{64}$/, 'must be a sha256') }).strict()),
  'session.pointTour': method<SessionDashboard>()('teacher', z.object({ target: TourLook.nullable() }).strict()),
  'session.recentreTour': method<SessionDashboard>()('teacher', TourLook),
  'session.closeTour': method<SessionDashboard>()('teacher', NoInput),
  /** The teacher's video in a video tour played, paused or moved: every screen follows it (the class's clock). */
  'session.playTour': method<SessionDashboard>()('teacher', TourVideoInput),

  /** The state every screen follows (the projector too). */
  'session.state': method<SessionState>()('pupil', NoInput),
  /** A pupil's screen says it is here (every few seconds, and on reconnect): the roll call, and the state to re-apply. */
  'session.hello': method<SessionHello>()('pupil', NoInput),
  'session.raiseHand': method<SessionHello>()('pupil', z.object({ up: z.boolean() }).strict()),
  'session.answerPoll': method<SessionHello>()('pupil', z.object({ pollId: z.string().max(64), optionId: z.string().max(64) }).strict()),
  /** Where a pupil looks in the tour's picture, at most 4 times a second while it is open (never stored). */
  'session.tourGaze': method<SessionHello>()('pupil', TourLook),
} as const;

export const sessionEvents = {
  /** Every pupil screen: names no pupil (unless the teacher shows one answer with the name). */
  'session.state': event('pupil', SessionState),
  /** Teachers only: the dashboard names pupils and shows their answers. */
  'session.dashboard': event('teacher', z.custom<SessionDashboard>()),
} as const;
