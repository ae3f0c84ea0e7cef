import { useEffect, useRef, type MutableRefObject } from 'react';
import { followClass, type ClassVideo } from '../../../../shared/tour';
import { hubNow } from './hubClock';

/** How often a tour's video is checked against the class's clock (a few reads of the element: cheap). */
const CHECK_MS = 500;

/** The teacher's video, as given to the class: playing or paused at that moment (seconds). */
export type LeadVideo = (video: { playing: boolean; position: number }) => void;

interface Memory {
  element: HTMLVideoElement | null;
  /** The class's clock this screen last followed (a new one overrides a pupil's own pause). */
  clock: string;
  /** The screen's pause as this hook left it (null: not yet): a change since is the pupil's own button. */
  paused: boolean | null;
  /** The pupil paused their own screen while the class plays: it stays paused until they play again or the teacher changes the clock. */
  held: boolean;
  /** The teacher's screen: the moment it last gave the class, on this screen's own clock (null: not yet at the class's moment). */
  lead: ClassVideo | null;
  /** The teacher's screen: its last few words to the hub, to tell their echo from another teacher screen's word. */
  sent: string[];
}

const clockKey = (c: ClassVideo) => `${c.at}:${c.playing}:${c.position}`;
const wordKey = (w: { playing: boolean; position: number }) => `${w.playing}:${w.position}`;

/** How long this page's last seek took (ms, at most MAX_SEEK_MS): the next one aims that far ahead. */
let seekMs = 0;
const MAX_SEEK_MS = 3000;

/**
 * Play or pause a screen's video and seek it to the class's moment, if it is more than a little off.
 * Returns where it will be, and when (this screen's clock: a seek while playing aims `seekMs` ahead).
 */
function follow(v: HTMLVideoElement, clock: ClassVideo): ClassVideo {
  const ahead = seekMs;
  const { play, seekTo } = followClass(clock, hubNow(), v.duration, { time: v.currentTime, paused: v.paused }, ahead);
  if (seekTo !== null) {
    const started = performance.now();
    v.addEventListener('seeked', () => (seekMs = Math.min(MAX_SEEK_MS, performance.now() - started)), { once: true });
    v.currentTime = seekTo;
  }
  if (play && v.paused) void v.play().catch(() => undefined);
  if (!play && !v.paused) v.pause();
  return { playing: play, position: seekTo ?? v.currentTime, at: Date.now() + (seekTo !== null && play ? ahead : 0) };
}

/**
 * A video tour's screen with the class (issue 19): the teacher's video is the class's clock. A pupil's
 * PC or headset follows it (`tour.current.video`): pauses and plays with the teacher, and seeks only when
 * it drifts more than about a second. A pupil may still pause their own screen while the class plays;
 * when they play again they join the class's moment, and any new word from the teacher wins. The
 * teacher's screen (`onVideo`) opens at the class's moment, then leads: its own play, pause, a move, or
 * a stall that left it behind goes to the hub as the class's new moment (a word from another teacher
 * screen is followed).
 */
export function useClassVideo(
  video: MutableRefObject<HTMLVideoElement | null>,
  tour: MutableRefObject<{ video?: ClassVideo | null; onVideo?: LeadVideo } | undefined>,
  clock: ClassVideo | null | undefined,
): void {
  const memory = useRef<Memory>({ element: null, clock: '', paused: null, held: false, lead: null, sent: [] });
  const key = clock ? clockKey(clock) : '';
  useEffect(() => {
    if (!key) return;
    const check = () => {
      const v = video.current;
      const { video: c, onVideo } = tour.current ?? {};
      // A seek under way is left to land (a slow PC's seek may take more than a check).
      if (!v || !c || v.readyState < HTMLMediaElement.HAVE_METADATA || v.seeking) return;
      const m = memory.current;
      if (m.element !== v) Object.assign(m, { element: v, clock: '', paused: null, held: false, lead: null, sent: [] });
      const changed = clockKey(c) !== m.clock;
      m.clock = clockKey(c);
      if (onVideo) {
        // A clock that is not the echo of this screen's own word (another teacher screen's) is followed once, as on opening.
        if (changed && !m.sent.includes(wordKey(c))) m.lead = null;
        if (!m.lead) return void (m.lead = follow(v, c));
        // Measured by this screen's own clock from its last word: no clock offset can make it repeat itself.
        const playing = !v.paused;
        const { seekTo } = followClass(m.lead, Date.now(), v.duration, { time: v.currentTime, paused: v.paused });
        if (playing === m.lead.playing && seekTo === null) return;
        const word = { playing, position: v.currentTime };
        m.lead = { ...word, at: Date.now() };
        m.sent = [...m.sent.slice(-3), wordKey(word)];
        return onVideo(word);
      }
      if (changed) Object.assign(m, { paused: null, held: false });
      if (m.paused !== null && v.paused !== m.paused) m.held = v.paused && c.playing;
      if (!m.held) follow(v, c);
      m.paused = v.paused;
    };
    check();
    const timer = setInterval(check, CHECK_MS);
    return () => clearInterval(timer);
  }, [key, video, tour]);
}
