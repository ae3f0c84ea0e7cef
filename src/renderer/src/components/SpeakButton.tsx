import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { plainText } from '../../../shared/markup';
import { SpeakerIcon } from './icons';

/** Reads text aloud with the system's speech synthesis (offline voices), for pupils who read little. */
export function SpeakButton({ text, lang }: { text: string; lang: string }) {
  const { t } = useTranslation();
  const [speaking, setSpeaking] = useState(false);
  const supported = typeof window !== 'undefined' && 'speechSynthesis' in window;
  useEffect(() => () => void (supported && window.speechSynthesis.cancel()), [supported]);
  if (!supported) return null;

  const toggle = () => {
    window.speechSynthesis.cancel();
    if (speaking) return setSpeaking(false);
    const utterance = new SpeechSynthesisUtterance(plainText(text));
    utterance.lang = lang;
    utterance.rate = 0.9;
    utterance.onend = utterance.onerror = () => setSpeaking(false);
    setSpeaking(true);
    window.speechSynthesis.speak(utterance);
  };

  return (
    <button type="button" className="icon-button speak" onClick={toggle} aria-pressed={speaking} aria-label={speaking ? t('speak.stop') : t('speak.listen')}>
      <SpeakerIcon />
    </button>
  );
}
