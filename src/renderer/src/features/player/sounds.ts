/**
 * Feedback sounds made with WebAudio (no audio files): a soft rising pair of notes for a right
 * answer, one low gentle note for "try again", a little tune at the end of a lesson.
 */
let context: AudioContext | undefined;

function tone(ctx: AudioContext, frequency: number, start: number, duration: number, volume = 0.15) {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0, ctx.currentTime + start);
  gain.gain.linearRampToValueAtTime(volume, ctx.currentTime + start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + start + duration);
  osc.connect(gain).connect(ctx.destination);
  osc.start(ctx.currentTime + start);
  osc.stop(ctx.currentTime + start + duration + 0.05);
}

const TUNES = {
  right: [[660, 0, 0.18], [880, 0.12, 0.3]],
  wrong: [[330, 0, 0.35, 0.1]],
  finish: [[523, 0, 0.2], [659, 0.15, 0.2], [784, 0.3, 0.2], [1047, 0.45, 0.5]],
  tap: [[520, 0, 0.08, 0.06]],
} as const;

export function playSound(kind: keyof typeof TUNES): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    for (const [f, start, duration, volume] of TUNES[kind] as readonly (readonly number[])[]) tone(context, f!, start!, duration!, volume);
  } catch {
    // No audio device: feedback is still shown.
  }
}
