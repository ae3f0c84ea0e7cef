import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { MAX_RECORDING_BYTES, MAX_RECORDING_SECONDS } from '../../../../shared/contract/narration';

/** What the recorder asks for, best first: Opus in WebM (Chromium, Electron), Opus in Ogg (Firefox), AAC in MP4 (Safari). */
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'];
/** Speech needs little: about 4 KB a second, so the longest clip stays well under the size limit. */
const BITS_PER_SECOND = 32_000;

export type RecorderProblem = 'unsupported' | 'denied' | 'no-microphone' | 'too-large' | 'failed';

export interface Take {
  blob: Blob;
  url: string;
  type: string;
  durationMs: number;
}

export interface Recorder {
  /** The step being recorded now, if any. */
  recording?: string;
  /** 0–1, the loudness right now (for the level meter). */
  level: number;
  elapsedMs: number;
  problem?: RecorderProblem;
  start(stepId: string): Promise<void>;
  stop(): void;
}

/**
 * One microphone recording at a time, only on the teacher's command: the microphone is opened
 * (narration.microphone, which the desktop app needs) just before and released as soon as the
 * recording stops. It stops by itself at MAX_RECORDING_SECONDS.
 */
export function useRecorder(onTake: (stepId: string, take: Take) => void): Recorder {
  const [recording, setRecording] = useState<string>();
  const [level, setLevel] = useState(0);
  const [elapsedMs, setElapsedMs] = useState(0);
  const [problem, setProblem] = useState<RecorderProblem>();
  const stopRef = useRef<() => void>(() => undefined);
  const onTakeRef = useRef(onTake);
  useEffect(() => {
    onTakeRef.current = onTake;
  }, [onTake]);

  const stop = useCallback(() => stopRef.current(), []);
  useEffect(() => () => stopRef.current(), []);

  const start = useCallback(async (stepId: string) => {
    stopRef.current();
    setProblem(undefined);
    const type = typeof MediaRecorder === 'undefined' ? undefined : TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    if (!navigator.mediaDevices?.getUserMedia || !type) return setProblem('unsupported');
    await api.invoke('narration.microphone', { on: true }).catch(() => undefined);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: false });
    } catch (error) {
      void api.invoke('narration.microphone', { on: false }).catch(() => undefined);
      const name = (error as DOMException).name;
      return setProblem(name === 'NotFoundError' || name === 'OverconstrainedError' ? 'no-microphone' : 'denied');
    }
    const recorder = new MediaRecorder(stream, { mimeType: type, audioBitsPerSecond: BITS_PER_SECOND });
    const chunks: Blob[] = [];
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    analyser.fftSize = 512;
    audio.createMediaStreamSource(stream).connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    const startedAt = performance.now();
    let frame = 0;
    let peak = 0;
    const tick = () => {
      analyser.getByteTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += ((s - 128) / 128) ** 2;
      // Up at once, down slowly: a meter the eye can follow while someone speaks.
      peak = Math.max(Math.min(1, Math.sqrt(sum / samples.length) * 5), peak * 0.94);
      setLevel(peak);
      const elapsed = performance.now() - startedAt;
      setElapsedMs(elapsed);
      if (elapsed >= MAX_RECORDING_SECONDS * 1000) return stopRef.current();
      frame = requestAnimationFrame(tick);
    };
    recorder.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
    recorder.onstop = () => {
      const blob = new Blob(chunks, { type: recorder.mimeType || type });
      if (blob.size > MAX_RECORDING_BYTES) return setProblem('too-large');
      if (blob.size === 0) return setProblem('failed');
      onTakeRef.current(stepId, { blob, url: URL.createObjectURL(blob), type: blob.type, durationMs: Math.round(performance.now() - startedAt) });
    };
    stopRef.current = () => {
      stopRef.current = () => undefined;
      cancelAnimationFrame(frame);
      if (recorder.state !== 'inactive') recorder.stop();
      for (const track of stream.getTracks()) track.stop();
      void audio.close();
      void api.invoke('narration.microphone', { on: false }).catch(() => undefined);
      setRecording(undefined);
      setLevel(0);
    };
    recorder.start(250);
    setElapsedMs(0);
    setRecording(stepId);
    frame = requestAnimationFrame(tick);
  }, []);

  return { recording, level, elapsedMs, problem, start, stop };
}

/** A recording's bytes as base64, for narration.save. */
export async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** 65_000 ms → "1:05". */
export function clock(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
