import { MAX_RECORDING_SECONDS } from '../shared/contract/narration';

/**
 * The microphone, open only while the teacher records narration: the renderer opens it through
 * narration.microphone just before it asks for the microphone, and closes it when the recording
 * stops. It also closes by itself a little after the longest recording, so a page that never says
 * "off" cannot keep it.
 */
export interface MicrophoneGate {
  set(on: boolean): void;
  isOpen(): boolean;
}

export function createMicrophoneGate(maxOpenMs = (MAX_RECORDING_SECONDS + 30) * 1000): MicrophoneGate {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const close = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    set(on) {
      close();
      if (on) timer = setTimeout(close, maxOpenMs);
    },
    isOpen: () => timer !== undefined,
  };
}

/** Electron's `media` permission: sound only (no camera), and only while the gate is open. */
export function microphoneAllowed(gate: MicrophoneGate, mediaTypes: readonly string[] | undefined): boolean {
  return gate.isOpen() && (mediaTypes === undefined || (mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio')));
}
