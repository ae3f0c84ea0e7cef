import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { InstalledPack, PackPreview } from '../../shared/contract/packs';
import type { LessonView } from '../../shared/contract/lessons';
import { KiteError } from '../../shared/errors';
import { isDiskFull } from '../fs/disk';
import type { Settings } from '../../shared/settings';
import type { DataLayout } from '../datadir';
import { createKv } from '../db/kv';
import { fsyncDir, writeFileAtomic } from '../fs/atomic';
import type { Logger } from '../log/logger';
import { safeReaddir } from './facts';
import { createInstalled } from './installed';
import { devPublisherKey } from './official';
import { createStager, type StageOptions } from './stage';
import { createTrustStore, type TrustStore } from './trust';
import { DEFAULT_LIMITS } from './unzip';
import { createUploads, type Uploads } from '../fs/uploads';

export type { StageOptions } from './stage';

export interface CommitOptions {
  confirmDowngrade?: boolean;
  /** The teacher confirmed an unsigned or unknown publisher's pack with the PIN. */
  trustConfirmed?: boolean;
  builtin?: boolean;
}

export interface PackService {
  list(): InstalledPack[];
  lesson(packId: string, lessonId: string): LessonView;
  /** The folder of an installed pack version, or undefined when that version is not installed. */
  installedDir(packId: string, version: string): string | undefined;
  counts(): { packs: number; lessons: number };
  /** Unpack and check a .kpack into tmp/, without installing it: what the teacher previews. */
  stage(file: string, options?: StageOptions): Promise<PackPreview>;
  commit(stagingId: string, options?: CommitOptions): InstalledPack;
  discard(stagingId: string): void;
  /** stage + commit, for the CLI, built-in packs and tests. */
  install(file: string, options?: StageOptions & CommitOptions): Promise<InstalledPack>;
  uninstall(packId: string): void;
  installBuiltins(dir: string): Promise<InstalledPack[]>;
  trust: TrustStore;
  /** Pack files the teacher sent to the app, waiting for their preview. */
  uploads: Uploads;
}

/**
 * Lesson packs, in parts: what is installed (installed.ts), unpacking and checking a new one
 * (stage.ts), the files teachers upload (upload.ts), and here moving a checked pack in. Imports
 * unpack into <data>/tmp/ and move in with one rename; the previous version stays until the new
 * one is in. Progress lives elsewhere, keyed by pack and lesson ids, so it survives upgrades and
 * uninstalls.
 */
export function createPackService(opts: { db: Database.Database; layout: DataLayout; log: Logger; settings: () => Settings; now?: () => number }): PackService {
  const { db, layout, log, settings, now = Date.now } = opts;
  const kv = createKv(db);
  const trust = createTrustStore(db, now);
  const installed = createInstalled({ db, layout, log, trust });
  const stager = createStager({ layout, settings, trust, installed, now });

  function commit(stagingId: string, options: CommitOptions = {}): InstalledPack {
    const item = stager.get(stagingId);
    if (!item) throw new KiteError('not_found', 'That import is no longer waiting; import the pack again.');
    const { manifest, preview } = item;
    if (preview.upgrade?.kind === 'downgrade' && !options.confirmDowngrade) {
      throw new KiteError('pack_downgrade', `Version ${preview.upgrade.fromVersion} is installed; going back to ${manifest.version} needs confirmation.`, {
        details: { installed: preview.upgrade.fromVersion, version: manifest.version },
      });
    }
    if (preview.needsConfirmation && !options.trustConfirmed) {
      throw new KiteError('pack_untrusted', 'The pack is not from a trusted publisher; the teacher must confirm with the PIN.', { details: { message: 'Confirm with the teacher PIN to install it.' } });
    }
    stager.take(stagingId);
    try {
      writeFileAtomic(path.join(item.dir, 'manifest.json'), item.manifestBytes);
      if (item.signatureBytes) writeFileAtomic(path.join(item.dir, 'signature.json'), item.signatureBytes);
      const packDir = path.join(layout.packs, manifest.id);
      const target = path.join(packDir, manifest.version);
      fs.mkdirSync(packDir, { recursive: true });
      const previous = installed.row(manifest.id);
      let aside: string | undefined;
      if (fs.existsSync(target)) {
        aside = path.join(packDir, `.old-${manifest.version}-${crypto.randomBytes(4).toString('hex')}`);
        fs.renameSync(target, aside);
      }
      fs.renameSync(item.dir, target);
      fsyncDir(packDir);
      installed.record({
        id: manifest.id,
        version: manifest.version,
        signature: item.signature,
        key_id: item.keyId ?? null,
        size_bytes: item.sizeBytes,
        builtin: options.builtin ? 1 : 0,
        installed_at: new Date(now()).toISOString(),
      });
      // The new version is in: only now let the old one go.
      if (aside) fs.rmSync(aside, { recursive: true, force: true });
      if (previous && previous.version !== manifest.version) fs.rmSync(path.join(packDir, previous.version), { recursive: true, force: true });
      log.info('lesson pack installed', { id: manifest.id, version: manifest.version, from: previous?.version, signature: item.signature });
      return installed.current(manifest.id);
    } catch (error) {
      fs.rmSync(item.dir, { recursive: true, force: true });
      if (isDiskFull(error)) throw new KiteError('disk_full', 'The disk is full; the pack was not installed.');
      throw error;
    }
  }

  async function install(file: string, options: StageOptions & CommitOptions = {}): Promise<InstalledPack> {
    const preview = await stager.stage(file, options);
    try {
      return commit(preview.stagingId, options);
    } finally {
      stager.discard(preview.stagingId);
    }
  }

  /** Install the packs that come with the app, once each: a teacher's uninstall is respected. */
  async function installBuiltins(dir: string): Promise<InstalledPack[]> {
    const devKey = devPublisherKey(dir);
    if (devKey) {
      trust.addOfficialForRun(devKey);
      installed.clearCache();
    }
    const seen = new Set<string>(JSON.parse(kv.get('packs.builtins.seen') ?? '[]') as string[]);
    const done: InstalledPack[] = [];
    for (const name of safeReaddir(dir).filter((n) => n.endsWith('.kpack')).sort()) {
      if (seen.has(name)) continue;
      try {
        const preview = await stager.stage(path.join(dir, name), { trustedSource: true });
        if (preview.upgrade && preview.upgrade.kind !== 'upgrade') stager.discard(preview.stagingId);
        else done.push(commit(preview.stagingId, { builtin: true }));
      } catch (error) {
        log.error('a built-in lesson pack could not be installed', { file: name, error: error instanceof Error ? error.message : String(error) });
        continue;
      }
      seen.add(name);
      kv.set('packs.builtins.seen', JSON.stringify([...seen]));
    }
    return done;
  }

  return {
    list: installed.list,
    lesson: installed.lesson,
    installedDir: installed.installedDir,
    counts: installed.counts,
    stage: stager.stage,
    commit,
    discard: stager.discard,
    install,
    uninstall: installed.uninstall,
    installBuiltins,
    trust,
    uploads: createUploads(
      layout.tmp,
      { extension: 'kpack', maxBytes: DEFAULT_LIMITS.maxTotalBytes, noun: 'pack file', tooLarge: (max) => new KiteError('pack_too_large', `The file is larger than ${Math.round(max / 2 ** 30)} GB.`, { details: { entry: '' } }) },
      now,
    ),
  };
}
