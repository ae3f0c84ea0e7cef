import { useEffect, useState } from 'react';

/** How long to wait for the system's voices to load (Chromium lists them only after voiceschanged). */
const WAIT_MS = 2500;

/**
 * True when a voice reads this language. Chinese: a Mandarin voice (zh-CN, zh-Hans, cmn, zh-TW, bare
 * zh); a Cantonese one (zh-HK, yue) would read the characters in another language.
 */
export function voiceSpeaks(voiceLang: string, lang: string): boolean {
  const v = voiceLang.toLowerCase().replace(/_/g, '-');
  const base = lang.toLowerCase().split('-')[0];
  if (base === 'zh') return /^(zh(-cn|-hans.*|-sg|-tw|-hant-tw)?|cmn.*)$/.test(v);
  return v.split('-')[0] === base;
}

/** The system's voices, once they have loaded (or [] when there are none, or no speech at all). */
export function loadVoices(): Promise<SpeechSynthesisVoice[]> {
  if (typeof window === 'undefined' || !('speechSynthesis' in window)) return Promise.resolve([]);
  const synth = window.speechSynthesis;
  const now = synth.getVoices();
  if (now.length > 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      window.clearTimeout(timer);
      synth.removeEventListener('voiceschanged', done);
      resolve(synth.getVoices());
    };
    const timer = window.setTimeout(done, WAIT_MS);
    synth.addEventListener('voiceschanged', done);
  });
}

/**
 * The voice that reads `lang` on this PC: a voice, null when there is none, undefined while still
 * looking. Follows the system when voices are added later (a speech pack installed).
 */
export function useVoiceFor(lang: string): SpeechSynthesisVoice | null | undefined {
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>();
  useEffect(() => {
    let live = true;
    const pick = (voices: SpeechSynthesisVoice[]) => live && setVoice(voices.find((v) => voiceSpeaks(v.lang, lang)) ?? null);
    void loadVoices().then(pick);
    const synth = 'speechSynthesis' in window ? window.speechSynthesis : undefined;
    const onChange = () => pick(synth?.getVoices() ?? []);
    synth?.addEventListener('voiceschanged', onChange);
    return () => {
      live = false;
      synth?.removeEventListener('voiceschanged', onChange);
    };
  }, [lang]);
  return voice;
}
