import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { plainText } from '../../../shared/markup';
import { useVoiceFor } from '../lib/voices';
import { SpeakerIcon } from './icons';
import { NoVoiceButton } from './NoVoice';

/**
 * Reads text aloud with the system's speech synthesis (offline voices), for pupils who read little.
 * With `autoplay` (pass settings.autoplayNarration) it also reads each new text as soon as it appears.
 */
export function SpeakButton({ text, lang, autoplay = false }: { text: string; lang: string; autoplay?: boolean }) {
  const { t } = useTranslation();
  const [speaking, setSpeaking] = useState(false);
  const supported = typeof window !== 'undefined' && 'speechSynthesis' in window;
  // No voice for this language on this PC: say so with a picture instead of a button that stays silent.
  const voice = useVoiceFor(lang);
  useEffect(() => () => void (supported && window.speechSynthesis.cancel()), [supported]);

  const speak = useCallback(() => {
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(plainText(text));
    utterance.lang = lang;
    utterance.rate = 0.9;
    utterance.onstart = () => setSpeaking(true);
    utterance.onend = utterance.onerror = () => setSpeaking(false);
    window.speechSynthesis.speak(utterance);
  }, [text, lang]);

  useEffect(() => {
    if (supported && voice && autoplay && text) speak();
  }, [supported, voice, autoplay, text, speak]);
  if (!supported || voice === null) return <NoVoiceButton lang={lang} />;

  const toggle = () => {
    if (speaking) {
      window.speechSynthesis.cancel();
      return setSpeaking(false);
    }
    speak();
    setSpeaking(true);
  };

  return (
    <button type="button" className="icon-button speak" onClick={toggle} aria-pressed={speaking} aria-label={speaking ? t('speak.stop') : t('speak.listen')}>
      <SpeakerIcon />
    </button>
  );
}
