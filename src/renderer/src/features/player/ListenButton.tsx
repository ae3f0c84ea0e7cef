import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedAudio, LocalizedText } from '../../../../shared/pack';
import { SpeakerIcon } from '../../components/icons';
import { NoVoiceButton } from '../../components/NoVoice';
import { useVoiceFor } from '../../lib/voices';
import { useLesson } from './context';
import { onSpeakingChange, stopNarration } from './narration';

/** Hear it (again): the teacher's recording of the step, else the pack's, else speech synthesis. */
export function ListenButton({ text, audio, label, stepId }: { text: LocalizedText | string; audio?: LocalizedAudio; label?: string; stepId?: string }) {
  const { t } = useTranslation();
  const lesson = useLesson();
  const [speaking, setSpeaking] = useState(false);
  const [mine, setMine] = useState(false);
  useEffect(() => onSpeakingChange((on) => !on && setSpeaking(false)), []);
  const voice = useVoiceFor(lesson.language);
  const active = speaking && mine;
  // Without a recording and without a voice for the lesson's language, a silent speaker would pretend.
  if (voice === null && !audio?.[lesson.language]) return <NoVoiceButton lang={lesson.language} />;
  return (
    <button
      type="button"
      className="icon-button listen"
      aria-label={active ? t('player.listen.stop') : (label ?? t('player.listen.play'))}
      onClick={() => {
        if (active) return stopNarration();
        lesson.say(text, audio, stepId);
        setMine(true);
        setSpeaking(true);
      }}
    >
      <SpeakerIcon />
    </button>
  );
}
