import { createContext, useContext, useMemo } from 'react';
import type { LocalizedAudio, LocalizedText } from '../../../../shared/pack';
import type { LessonView } from '../../../../shared/contract/lessons';
import { usePinyin, type Annotate } from '../../lib/pinyin';
import { RichText } from '../../components/RichText';
import { pick, spoken } from './text';
import { narrate } from './narration';
import { narrationUrl } from './voice';

/** What every part of a lesson needs: its language, pinyin, where its files are, and reading aloud. */
export interface LessonEnv {
  language: string;
  /** The pack's main language, for texts missing in `language`. */
  mainLanguage: string;
  pinyin: boolean;
  annotate?: Annotate;
  assetBase: string;
  /** Grades 1–2: larger targets. */
  young: boolean;
  /** The teacher's own recordings on this PC, by `${stepId}:${language}` → URL. */
  recordings?: Record<string, string>;
}

export const LessonContext = createContext<LessonEnv>({ language: 'zh-CN', mainLanguage: 'zh-CN', pinyin: false, assetBase: '/', young: false });

export function useLesson() {
  const env = useContext(LessonContext);
  return {
    ...env,
    text: (t: LocalizedText | undefined) => pick(t, env.language, env.mainLanguage),
    plain: (t: LocalizedText | undefined) => spoken(t, env.language, env.mainLanguage),
    asset: (path: string) => `${env.assetBase}${path}`,
    /** Read aloud: `stepId` names a step the teacher may have recorded (see narrationUrl). */
    say(t: LocalizedText | string | undefined, audio?: LocalizedAudio, stepId?: string) {
      const text = typeof t === 'string' ? t : spoken(t, env.language, env.mainLanguage);
      narrate({ text, lang: env.language, audioUrl: narrationUrl(env, stepId, audio) });
    },
  };
}

/** An answer the player sends as an attempt (the rest — pack, lesson, time — the host adds). */
export interface AttemptReport {
  stepId: string;
  activityType: string;
  answer: unknown;
  correct: boolean | null;
  hintsUsed: number;
  timeMs: number;
}

/** Where an activity reports: the lesson's step, or a cue inside an interactive video. */
export interface ActivityHost {
  record(attempt: AttemptReport): void;
  done(stepId: string): void;
}

export const ActivityHostContext = createContext<ActivityHost>({ record: () => undefined, done: () => undefined });
export const useActivityHost = () => useContext(ActivityHostContext);

/**
 * Lesson text with markup: explicit {汉字|pīn yīn} shows as ruby when pinyin is on; other Chinese
 * text gets pinyin from the dictionary when pinyin is on. Never HTML. The player's own words (a
 * string from the locale files) go through here too, so they carry pinyin like the lesson does.
 */
export function LessonText({ text, as: Tag }: { text: LocalizedText | string | undefined; as?: 'span' | 'p' | 'strong' }) {
  const lesson = useLesson();
  const source = typeof text === 'string' ? text : lesson.text(text);
  const content = <RichText text={source} showRuby={lesson.pinyin} annotate={lesson.annotate} />;
  return Tag ? <Tag>{content}</Tag> : content;
}

/** The language a lesson shows in: the reader's when the pack has it, else the pack's first. */
export function lessonLanguage(packLanguages: string[], wanted: string): string {
  return packLanguages.includes(wanted) ? wanted : (packLanguages[0] ?? wanted);
}

/** Everything a lesson's texts need to render (player, teacher notes, printed family cards). */
export function useLessonEnv(view: LessonView, language: string, pinyinOn: boolean): LessonEnv {
  const chinese = language.startsWith('zh');
  const young = view.lesson.grades.from <= 2;
  const annotate = usePinyin(pinyinOn && chinese);
  const mainLanguage = view.pack.languages[0] ?? language;
  const recordings = useMemo(() => Object.fromEntries((view.recordings ?? []).map((r) => [`${r.stepId}:${r.language}`, r.url])), [view.recordings]);
  return useMemo(
    () => ({ language, mainLanguage, pinyin: pinyinOn && chinese, annotate, assetBase: view.assetBase, young, recordings }),
    [language, mainLanguage, pinyinOn, chinese, annotate, view.assetBase, young, recordings],
  );
}
