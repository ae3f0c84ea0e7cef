import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { MAX_RECORDING_BYTES, RECORDING_TYPES, type NarrationRecording, type RecordingType } from '../../shared/contract/narration';
import { KiteError } from '../../shared/errors';
import type { DataLayout } from '../datadir';
import { writeFileAtomic } from '../fs/atomic';
import type { Logger } from '../log/logger';
import type { PackService } from '../packs/service';

/** Which pack version, lesson, step and language a recording reads. */
export interface RecordingKey {
  packId: string;
  packVersion: string;
  lessonId: string;
  stepId: string;
  language: string;
}

export interface NarrationStore {
  /** Check and keep a recording (replacing the one before); the file is written atomically before the database names it. */
  save(key: RecordingKey, input: { type: string; audio: Buffer; durationMs: number }): NarrationRecording;
  remove(key: RecordingKey): boolean;
  /** The recordings of one lesson of one pack version. */
  forLesson(packId: string, packVersion: string, lessonId: string): NarrationRecording[];
  /** Every recording of one pack version, with the lesson and the file on disk (for `kite pack build`). */
  forPack(packId: string, packVersion: string): (NarrationRecording & { lessonId: string; file: string })[];
  /** The file behind /recordings/<name>, when <name> is one this store wrote. */
  file(name: string): { file: string; contentType: string } | undefined;
}

interface Row {
  lesson_id: string;
  step_id: string;
  language: string;
  sha256: string;
  ext: string;
  type: RecordingType;
  bytes: number;
  duration_ms: number;
  recorded_at: string;
}

export const RECORDING_NAME = /^([a-f0-9]{64})\.(webm|ogg|m4a)$/;

/** The container a recording's first bytes show, whatever type it claims. */
function containerOf(audio: Buffer): RecordingType | undefined {
  if (audio.length >= 4 && audio.readUInt32BE(0) === 0x1a45dfa3) return 'audio/webm';
  if (audio.subarray(0, 4).toString('latin1') === 'OggS') return 'audio/ogg';
  if (audio.subarray(4, 8).toString('latin1') === 'ftyp') return 'audio/mp4';
  return undefined;
}

/** "audio/webm;codecs=opus" → "audio/webm", when it is a type recordings may be. */
function recordingType(declared: string): RecordingType | undefined {
  const base = declared.split(';')[0]?.trim().toLowerCase() ?? '';
  return Object.prototype.hasOwnProperty.call(RECORDING_TYPES, base) ? (base as RecordingType) : undefined;
}

export function createNarration({ db, layout, log, packs, now }: { db: Database.Database; layout: DataLayout; log: Logger; packs: PackService; now: () => number }): NarrationStore {
  const dir = layout.recordings;
  const toRecording = (row: Row): NarrationRecording => ({
    stepId: row.step_id,
    language: row.language,
    url: `/recordings/${row.sha256}.${row.ext}`,
    type: row.type,
    bytes: row.bytes,
    durationMs: row.duration_ms,
    recordedAt: row.recorded_at,
  });
  const keyArgs = (k: RecordingKey) => [k.packId, k.packVersion, k.lessonId, k.stepId, k.language] as const;
  const WHERE = 'pack_id = ? AND pack_version = ? AND lesson_id = ? AND step_id = ? AND language = ?';
  const getOne = db.prepare<readonly string[], Row>(`SELECT * FROM narration_recordings WHERE ${WHERE}`);
  const upsert = db.prepare(
    `INSERT INTO narration_recordings (pack_id, pack_version, lesson_id, step_id, language, sha256, ext, type, bytes, duration_ms, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (pack_id, pack_version, lesson_id, step_id, language) DO UPDATE SET
       sha256 = excluded.sha256, ext = excluded.ext, type = excluded.type, bytes = excluded.bytes, duration_ms = excluded.duration_ms, recorded_at = excluded.recorded_at`,
  );
  const deleteOne = db.prepare(`DELETE FROM narration_recordings WHERE ${WHERE}`);
  const uses = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM narration_recordings WHERE sha256 = ? AND ext = ?');
  const ofLesson = db.prepare<[string, string, string], Row>('SELECT * FROM narration_recordings WHERE pack_id = ? AND pack_version = ? AND lesson_id = ? ORDER BY step_id, language');
  const ofPack = db.prepare<[string, string], Row>('SELECT * FROM narration_recordings WHERE pack_id = ? AND pack_version = ? ORDER BY lesson_id, step_id, language');

  /** Remove a file no recording names any more (the same voice may serve two steps). */
  const release = (row: Row | undefined) => {
    if (row && uses.get(row.sha256, row.ext)?.n === 0) fs.rmSync(path.join(dir, `${row.sha256}.${row.ext}`), { force: true });
  };

  sweep(dir, db, log);

  return {
    save(key, { type, audio, durationMs }) {
      if (audio.length > MAX_RECORDING_BYTES) {
        throw new KiteError('recording_too_large', `The recording is ${audio.length} bytes; at most ${MAX_RECORDING_BYTES} bytes are kept.`, {
          details: { kb: Math.ceil(audio.length / 1000), maxKb: MAX_RECORDING_BYTES / 1000 },
        });
      }
      const declared = recordingType(type);
      if (!declared || containerOf(audio) !== declared) throw new KiteError('recording_bad_type', `A recording must be WebM, Ogg or MP4 audio (got "${type}").`);
      const step = packs.lesson(key.packId, key.lessonId);
      if (step.pack.version !== key.packVersion) throw new KiteError('not_found', `Version ${key.packVersion} of ${key.packId} is not installed.`);
      // Demos speak their own lines; every other step has a narration a recording can stand for.
      if (!step.lesson.steps.some((s) => s.id === key.stepId && s.type !== 'demo')) throw new KiteError('not_found', `Lesson ${key.lessonId} has no step ${key.stepId} to narrate.`);
      const sha256 = crypto.createHash('sha256').update(audio).digest('hex');
      const ext = RECORDING_TYPES[declared];
      const target = path.join(dir, `${sha256}.${ext}`);
      if (!fs.existsSync(target)) writeFileAtomic(target, audio);
      const before = getOne.get(keyArgs(key));
      const recordedAt = new Date(now()).toISOString();
      db.transaction(() => upsert.run(...keyArgs(key), sha256, ext, declared, audio.length, durationMs, recordedAt))();
      if (before && before.sha256 !== sha256) release(before);
      log.info('narration recorded', { ...key, bytes: audio.length });
      return toRecording(getOne.get(keyArgs(key)) as Row);
    },
    remove(key) {
      const before = getOne.get(keyArgs(key));
      if (!before) return false;
      deleteOne.run(...keyArgs(key));
      release(before);
      return true;
    },
    forLesson: (packId, packVersion, lessonId) => ofLesson.all(packId, packVersion, lessonId).map(toRecording),
    forPack: (packId, packVersion) => ofPack.all(packId, packVersion).map((row) => ({ ...toRecording(row), lessonId: row.lesson_id, file: path.join(dir, `${row.sha256}.${row.ext}`) })),
    file(name) {
      const match = RECORDING_NAME.exec(name);
      if (!match) return undefined;
      const file = path.join(dir, name);
      return fs.existsSync(file) ? { file, contentType: recordingContentType(match[2] as string) } : undefined;
    },
  };
}

function recordingContentType(ext: string): string {
  return Object.entries(RECORDING_TYPES).find(([, e]) => e === ext)?.[0] ?? 'application/octet-stream';
}

/**
 * At start: files a power cut left behind (a temp file, a file written before its row) are
 * removed. Only old ones: another process (the app beside a `kite` command) may be saving one now.
 */
function sweep(dir: string, db: Database.Database, log: Logger): void {
  const named = new Set(db.prepare<[], { name: string }>("SELECT sha256 || '.' || ext AS name FROM narration_recordings").all().map((r) => r.name));
  const before = Date.now() - 10 * 60_000;
  for (const name of fs.readdirSync(dir)) {
    if (named.has(name) || fs.statSync(path.join(dir, name)).mtimeMs > before) continue;
    fs.rmSync(path.join(dir, name), { force: true, recursive: true });
    log.info('removed a narration file nothing names', { name });
  }
}
