import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { InstalledPack, SignatureStatus } from '../../shared/contract/packs';
import type { LessonView } from '../../shared/contract/lessons';
import { KiteError } from '../../shared/errors';
import { Lesson, Manifest } from '../../shared/pack';
import type { DataLayout } from '../datadir';
import type { Logger } from '../log/logger';
import { packFacts, safeReaddir, lessonSummary } from './facts';
import type { TrustStore } from './trust';

export interface InstalledRow {
  id: string;
  version: string;
  signature: SignatureStatus;
  key_id: string | null;
  size_bytes: number;
  builtin: number;
  installed_at: string;
}

/**
 * What is installed: <data>/packs/<id>/<version>/ and one row per pack naming the current version.
 * Reads (list, lesson) are cached per version; reconcile() puts things right after a crash.
 */
export function createInstalled({ db, layout, log, trust }: { db: Database.Database; layout: DataLayout; log: Logger; trust: TrustStore }) {
  const cache = new Map<string, InstalledPack>();
  const rows = {
    all: db.prepare<[], InstalledRow>('SELECT * FROM installed_packs ORDER BY installed_at, id'),
    get: db.prepare<[string], InstalledRow>('SELECT * FROM installed_packs WHERE id = ?'),
    upsert: db.prepare(
      `INSERT INTO installed_packs (id, version, signature, key_id, size_bytes, builtin, installed_at) VALUES (@id, @version, @signature, @key_id, @size_bytes, @builtin, @installed_at)
       ON CONFLICT(id) DO UPDATE SET version = excluded.version, signature = excluded.signature, key_id = excluded.key_id, size_bytes = excluded.size_bytes, builtin = excluded.builtin, installed_at = excluded.installed_at`,
    ),
    delete: db.prepare<[string]>('DELETE FROM installed_packs WHERE id = ?'),
  };

  /** After a crash: keep exactly the versions the database names; remove half-installed folders. */
  function reconcile(): void {
    for (const id of safeReaddir(layout.packs)) {
      const packDir = path.join(layout.packs, id);
      const row = rows.get.get(id);
      for (const name of safeReaddir(packDir)) {
        if (row && name === row.version) continue;
        // A reinstall set the old copy aside before moving the new one in: put it back if needed.
        const aside = /^\.old-(.+)-[a-f0-9]{8}$/.exec(name);
        if (row && aside?.[1] === row.version && !fs.existsSync(path.join(packDir, row.version))) {
          fs.renameSync(path.join(packDir, name), path.join(packDir, row.version));
          continue;
        }
        fs.rmSync(path.join(packDir, name), { recursive: true, force: true });
      }
      if (!row || !fs.existsSync(path.join(packDir, row.version))) {
        if (row) {
          log.warn('installed pack folder is missing; forgetting the pack', { id, version: row.version });
          rows.delete.run(id);
        }
        fs.rmSync(packDir, { recursive: true, force: true });
      }
    }
  }

  function describe(row: InstalledRow): InstalledPack {
    const key = `${row.id}@${row.version}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const dir = path.join(layout.packs, row.id, row.version);
    const manifest = Manifest.parse(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
    const lessons = manifest.lessons.map((entry) => lessonSummary(Lesson.parse(JSON.parse(fs.readFileSync(path.join(dir, entry.file), 'utf8')))));
    const pack: InstalledPack = {
      ...packFacts(manifest),
      signature: row.signature,
      official: row.signature === 'trusted' && trust.isOfficial(row.key_id),
      installedAt: row.installed_at,
      sizeBytes: row.size_bytes,
      lessons,
    };
    cache.set(key, pack);
    return pack;
  }

  function list(): InstalledPack[] {
    const packs: InstalledPack[] = [];
    for (const row of rows.all.all()) {
      try {
        packs.push(describe(row));
      } catch (error) {
        log.error('an installed pack cannot be read', { id: row.id, version: row.version, error: String(error) });
      }
    }
    return packs;
  }

  function lesson(packId: string, lessonId: string): LessonView {
    const row = rows.get.get(packId);
    if (!row) throw new KiteError('not_found', `The pack ${packId} is not installed.`);
    const pack = describe(row);
    if (!pack.lessons.some((l) => l.id === lessonId)) throw new KiteError('not_found', `The pack ${packId} has no lesson ${lessonId}.`);
    const parsed = Lesson.parse(JSON.parse(fs.readFileSync(path.join(layout.packs, row.id, row.version, 'lessons', `${lessonId}.json`), 'utf8')));
    return {
      pack: { id: pack.id, version: pack.version, languages: pack.languages, title: pack.title },
      lesson: parsed,
      assetBase: `/packs/${encodeURIComponent(pack.id)}/${encodeURIComponent(pack.version)}/`,
    };
  }

  reconcile();
  return {
    list,
    lesson,
    /** The row of an installed pack, or undefined. */
    row: (packId: string): InstalledRow | undefined => rows.get.get(packId),
    /** Name a version as current (its folder is already in place). */
    record(row: InstalledRow): void {
      rows.upsert.run(row);
      cache.clear();
    },
    /** The installed pack's facts (after record). */
    current: (packId: string): InstalledPack => describe(rows.get.get(packId) as InstalledRow),
    installedDir(packId: string, version: string): string | undefined {
      const row = rows.get.get(packId);
      return row && row.version === version ? path.join(layout.packs, row.id, row.version) : undefined;
    },
    counts(): { packs: number; lessons: number } {
      const packs = list();
      return { packs: packs.length, lessons: packs.reduce((n, p) => n + p.lessons.length, 0) };
    },
    uninstall(packId: string): void {
      const row = rows.get.get(packId);
      if (!row) throw new KiteError('not_found', `The pack ${packId} is not installed.`);
      rows.delete.run(packId);
      cache.clear();
      fs.rmSync(path.join(layout.packs, packId), { recursive: true, force: true });
      log.info('lesson pack uninstalled (pupils\' progress kept)', { id: packId, version: row.version });
    },
    clearCache: () => cache.clear(),
  };
}
export type Installed = ReturnType<typeof createInstalled>;
