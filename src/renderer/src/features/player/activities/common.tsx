import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRef, LocalizedAudio, LocalizedText } from '../../../../../shared/pack';
import { LessonText, useLesson } from '../context';
import { ListenButton } from '../ListenButton';
import { SpeakerIcon } from '../../../components/icons';

export function Picture({ image, className }: { image: ImageRef; className?: string }) {
  const lesson = useLesson();
  return <img className={className ?? 'step-picture'} src={lesson.asset(image.src)} alt={lesson.plain(image.alt)} draggable={false} />;
}

/** A text and/or picture, as on an option or a card face. */
export function Face({ face, showAudio = true }: { face: { text?: LocalizedText; image?: ImageRef; audio?: LocalizedAudio }; showAudio?: boolean }) {
  return (
    <>
      {face.image && <Picture image={face.image} className="face-picture" />}
      {face.text && (
        <span className="face-text">
          <LessonText text={face.text} />
        </span>
      )}
      {!face.text && !face.image && face.audio && showAudio && (
        <span className="face-sound" aria-hidden="true">
          <SpeakerIcon />
        </span>
      )}
    </>
  );
}

/** The name a button with lesson text is read by (without pinyin). */
export function faceLabel(lesson: ReturnType<typeof useLesson>, face: { text?: LocalizedText; image?: ImageRef }, fallback = ''): string {
  return face.text ? lesson.plain(face.text) : face.image ? lesson.plain(face.image.alt) : fallback;
}

/** Play a face's sound (its recording, else its text read aloud). */
export function sayFace(lesson: ReturnType<typeof useLesson>, face: { text?: LocalizedText; image?: ImageRef; audio?: LocalizedAudio }) {
  if (face.audio || face.text) lesson.say(face.text ?? face.image?.alt, face.audio);
}

export function CheckButton({ onClick, disabled, children }: { onClick: () => void; disabled?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="primary check-button" aria-disabled={disabled || undefined} onClick={() => !disabled && onClick()}>
      {children ?? <LessonText text={t('player.check')} />}
    </button>
  );
}

/** What to do, in the player's own words: with pinyin when pinyin is on, and a speaker to hear it. */
export function Instruction({ text, live = false, className = 'instruction' }: { text: string; live?: boolean; className?: string }) {
  const { t } = useTranslation();
  return (
    <p className={className} aria-live={live ? 'polite' : undefined}>
      <LessonText text={text} /> <ListenButton text={text} label={t('player.listen.instruction')} />
    </p>
  );
}

export function Mark({ ok }: { ok: boolean }) {
  return (
    <span className={`mark ${ok ? 'mark-ok' : 'mark-no'}`} aria-hidden="true">
      {ok ? '✓' : '✗'}
    </span>
  );
}

export { ListenButton };
