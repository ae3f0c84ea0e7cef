/**
 * Reading aloud: the pack's narration recording when there is one, else the system's speech
 * synthesis in the lesson's language. One voice at a time: starting a new one stops the last.
 */
let current: HTMLAudioElement | undefined;
const listeners = new Set<(speaking: boolean) => void>();

function setSpeaking(speaking: boolean) {
  for (const l of listeners) l(speaking);
}

export function onSpeakingChange(listener: (speaking: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function stopNarration(): void {
  current?.pause();
  current = undefined;
  if ('speechSynthesis' in window) window.speechSynthesis.cancel();
  setSpeaking(false);
}

function synthesize(text: string, lang: string) {
  if (!('speechSynthesis' in window) || !text.trim()) return setSpeaking(false);
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  utterance.rate = 0.9;
  utterance.onend = utterance.onerror = () => setSpeaking(false);
  setSpeaking(true);
  window.speechSynthesis.speak(utterance);
}

export function narrate({ text, lang, audioUrl }: { text: string; lang: string; audioUrl?: string }): void {
  stopNarration();
  if (!audioUrl) return synthesize(text, lang);
  const audio = new Audio(audioUrl);
  current = audio;
  audio.onended = () => setSpeaking(false);
  setSpeaking(true);
  // A missing or unplayable recording falls back to the synthetic voice.
  audio.play().catch(() => current === audio && synthesize(text, lang));
  audio.onerror = () => current === audio && synthesize(text, lang);
}
