import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const SHOW_MS = 4000;

/**
 * In place of a speaker button when this PC has no voice for the language: a crossed-out speaker
 * that does not pretend to read, and on a tap a picture that says "ask your teacher to read it".
 */
export function NoVoiceButton({ lang }: { lang: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!shown) return;
    const timer = window.setTimeout(() => setShown(false), SHOW_MS);
    return () => window.clearTimeout(timer);
  }, [shown]);
  const language = t(`languages.${lang}`, { defaultValue: lang });
  return (
    <span className="no-voice">
      <button type="button" className="icon-button no-voice-button" aria-expanded={shown} aria-label={t('voice.none', { language })} onClick={() => setShown((s) => !s)}>
        <SpeakerOffIcon />
      </button>
      {shown && (
        <span className="no-voice-cue" role="img" aria-label={t('voice.askTeacher')}>
          <AskTeacherArt />
        </span>
      )}
    </span>
  );
}

function SpeakerOffIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="28" height="28" viewBox="0 0 32 32">
      <path d="M5 12 h5 l7 -6 v20 l-7 -6 h-5 z" fill="currentColor" />
      <path d="M21 11 l8 10 M29 11 l-8 10" stroke="#b3261e" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

/** A grown-up reading from a book to a child: "your teacher can read it to you". */
function AskTeacherArt() {
  return (
    <svg aria-hidden="true" focusable="false" width="132" height="92" viewBox="0 0 132 92">
      <circle cx="38" cy="22" r="12" fill="#f2c9a0" stroke="#2b2b40" strokeWidth="2" />
      <path d="M26 20 q12 -16 24 0" fill="#2b2b40" />
      <path d="M20 88 v-34 q0 -16 18 -16 q18 0 18 16 v34 z" fill="#1a7a7a" />
      <path d="M44 50 l22 -6 v24 l-22 6 z" fill="#fff" stroke="#2b2b40" strokeWidth="2" />
      <path d="M66 44 l0 24" stroke="#2b2b40" strokeWidth="2" />
      <circle cx="104" cy="46" r="10" fill="#f2c9a0" stroke="#2b2b40" strokeWidth="2" />
      <path d="M94 44 q10 -12 20 0" fill="#2b2b40" />
      <path d="M92 88 v-22 q0 -10 12 -10 q12 0 12 10 v22 z" fill="#f3a712" />
      <path d="M70 10 h40 q6 0 6 6 v10 q0 6 -6 6 h-22 l-8 8 v-8 h-10 q-6 0 -6 -6 v-10 q0 -6 6 -6 z" fill="#fff" stroke="#2b2b40" strokeWidth="2" />
      <path d="M80 21 h4 M88 21 h4 M96 21 h4 M104 21 h4" stroke="#2b2b40" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
