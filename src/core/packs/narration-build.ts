import fs from 'node:fs';
import path from 'node:path';
import { RECORDING_TYPES } from '../../shared/contract/narration';
import type { NarrationStore } from '../narration';

export interface NarrationOverlay {
  /** Pack path → file to build it from: the recordings, and the lesson files with their narration fields filled in. */
  files: Map<string, string>;
  /** Recordings added to the pack. */
  added: number;
  /** Recordings left out (their lesson or step is not in this folder), as "lesson/step (language)". */
  skipped: string[];
}

/**
 * A teacher's recordings of this pack version (from a PC's data folder) as pack files:
 * media/narration/<lesson>/<step>.<language>.<ext>, named in each step's `narration` (they replace
 * the pack's own audio for that language, as they do in the player). The folder itself is not
 * changed: the changed lesson files are written to `tmpDir`.
 */
export function narrationOverlay(folder: string, narration: NarrationStore, tmpDir: string): NarrationOverlay {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { id?: string; version?: string };
  const recordings = manifest.id && manifest.version ? narration.forPack(manifest.id, manifest.version) : [];
  const files = new Map<string, string>();
  const used = new Set<(typeof recordings)[number]>();
  const lessonsDir = path.join(folder, 'lessons');
  const lessonFiles = fs.existsSync(lessonsDir) ? fs.readdirSync(lessonsDir).filter((name) => name.endsWith('.json')) : [];
  for (const name of lessonFiles) {
    let lesson: { id?: unknown; steps?: { id?: unknown; type?: unknown; narration?: Record<string, string> }[] };
    try {
      lesson = JSON.parse(fs.readFileSync(path.join(lessonsDir, name), 'utf8')) as typeof lesson;
    } catch {
      continue; // the pack's own check reports it
    }
    const mine = recordings.filter((r) => r.lessonId === lesson.id);
    let changed = false;
    for (const step of lesson.steps ?? []) {
      for (const recording of mine.filter((r) => r.stepId === step.id && step.type !== 'demo')) {
        const packPath = `media/narration/${recording.lessonId}/${recording.stepId}.${recording.language}.${RECORDING_TYPES[recording.type]}`;
        files.set(packPath, recording.file);
        step.narration = { ...step.narration, [recording.language]: packPath };
        used.add(recording);
        changed = true;
      }
    }
    if (!changed) continue;
    const out = path.join(tmpDir, 'lessons', name);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(lesson, null, 2) + '\n');
    files.set(`lessons/${name}`, out);
  }
  const skipped = recordings.filter((r) => !used.has(r)).map((r) => `${r.lessonId}/${r.stepId} (${r.language})`);
  return { files, added: used.size, skipped };
}
