import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { InstalledPack, LessonSummary, LessonView, PackPreview, SignatureStatus, UpgradeChange } from '../../shared/contract/packs';
import { KiteError } from '../../shared/errors';
import { checkPack, formatIssue, Lesson, Manifest, Signature, zodIssues, type PackIssue } from '../../shared/pack';
import type { Settings } from '../../shared/settings';
import type { DataLayout } from '../datadir';
import { createKv } from '../db/kv';
import { fsyncDir, writeFileAtomic } from '../fs/atomic';
import type { Logger } from '../log/logger';
import { APP_VERSION } from '../version';
import { compareVersions } from './semver';
import { devPublisherKey } from './official';
import { createTrustStore, type TrustStore } from './trust';
import { extractPack, type ExtractOptions, type UnzipLimits } from './unzip';
import { verifyManifest } from './signing';
import { fileIssues, readLessonFiles } from './verify';
import { createPackUploads, type PackUploads } from './upload';

/** A preview nobody installed or discarded (the teacher walked away) is removed after this long. */
const STAGED_TTL_MS = 60 * 60_000;

interface Staged {
  dir: string;
  stagedAt: number;
  manifest: Manifest;
  manifestBytes: Buffer;
  signatureBytes?: Buffer;
  signature: SignatureStatus;
  keyId?: string;
  sizeBytes: number;
  preview: PackPreview;
}

export interface StageOptions extends ExtractOptions {
  /** The app's own built-in packs skip the trust policy (they come with the app). */
  trustedSource?: boolean;
  limits?: Partial<UnzipLimits>;
}

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
  uploads: PackUploads;
}

interface Row {
  id: string;
  version: string;
  signature: SignatureStatus;
  key_id: string | null;
  size_bytes: number;
  builtin: number;
  installed_at: string;
}

/**
 * Installed lesson packs: <data>/packs/<id>/<version>/ (immutable once in) and one row per pack
 * saying which version is current. Imports unpack into <data>/tmp/ and move in with one rename;
 * the previous version stays until the new one is in. Progress lives elsewhere, keyed by pack
 * and lesson ids, so it survives upgrades and uninstalls.
 */
export function createPackService(opts: { db: Database.Database; layout: DataLayout; log: Logger; settings: () => Settings; now?: () => number }): PackService {
  const { db, layout, log, settings, now = Date.now } = opts;
  const kv = createKv(db);
  const trust = createTrustStore(db, now);
  const staged = new Map<string, Staged>();
  const cache = new Map<string, InstalledPack>();
  const rows = {
    all: db.prepare<[], Row>('SELECT * FROM installed_packs ORDER BY installed_at, id'),
    get: db.prepare<[string], Row>('SELECT * FROM installed_packs WHERE id = ?'),
    upsert: db.prepare(
      `INSERT INTO installed_packs (id, version, signature, key_id, size_bytes, builtin, installed_at) VALUES (@id, @version, @signature, @key_id, @size_bytes, @builtin, @installed_at)
       ON CONFLICT(id) DO UPDATE SET version = excluded.version, signature = excluded.signature, key_id = excluded.key_id, size_bytes = excluded.size_bytes, builtin = excluded.builtin, installed_at = excluded.installed_at`,
    ),
    delete: db.prepare<[string]>('DELETE FROM installed_packs WHERE id = ?'),
  };

  reconcile();

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

  function describe(row: Row): InstalledPack {
    const key = `${row.id}@${row.version}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const dir = path.join(layout.packs, row.id, row.version);
    const manifest = Manifest.parse(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
    const lessons = manifest.lessons.map((entry) => summarize(Lesson.parse(JSON.parse(fs.readFileSync(path.join(dir, entry.file), 'utf8')))));
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

  async function stage(file: string, options: StageOptions = {}): Promise<PackPreview> {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new KiteError('not_found', `There is no file ${file}.`);
    for (const [id, item] of staged) if (now() - item.stagedAt > STAGED_TTL_MS) discard(id);
    const stagingId = crypto.randomUUID();
    const dir = path.join(layout.tmp, `stage-${stagingId}`);
    fs.mkdirSync(dir, { recursive: true });
    try {
      const extracted = await extractPack(file, dir, options);
      const manifest = parseManifest(extracted.manifestBytes);
      if (compareVersions(manifest.minAppVersion, APP_VERSION) > 0) {
        throw new KiteError('pack_needs_newer_app', `This pack needs Kite Classroom ${manifest.minAppVersion} or later; this is ${APP_VERSION}.`, { details: { need: manifest.minAppVersion } });
      }
      const fileIssue = fileIssues(manifest, extracted.files)[0];
      if (fileIssue) throw new KiteError('pack_file_mismatch', `The file ${fileIssue.file} ${fileIssue.message}.`, { details: { entry: fileIssue.file } });
      const read = readLessonFiles(dir, manifest);
      if (read.issues.length > 0) throw invalid(read.issues);
      const checked = checkPack(manifest, read.lessons);
      if (checked.issues.length > 0) throw invalid(checked.issues);

      const { status, keyId } = checkSignature(extracted.manifestBytes, extracted.signatureBytes);
      const needsConfirmation = status !== 'trusted' && !options.trustedSource;
      if (needsConfirmation && settings().packTrustPolicy === 'refuse') {
        throw new KiteError('pack_untrusted', status === 'unsigned' ? 'The pack is not signed, and this PC only accepts signed packs from trusted publishers.' : `The pack is signed with key ${keyId}, which is not in this PC's trust store.`, {
          details: { message: status === 'unsigned' ? 'unsigned' : `key ${keyId}` },
        });
      }
      const sizeBytes = extracted.totalBytes + extracted.manifestBytes.length + (extracted.signatureBytes?.length ?? 0);
      const preview: PackPreview = {
        stagingId,
        ...packFacts(manifest),
        sizeBytes,
        lessons: checked.lessons.map(summarize),
        signature: status,
        official: status === 'trusted' && trust.isOfficial(keyId),
        publisher: keyId ? { keyId, name: trust.get(keyId)?.name } : undefined,
        needsConfirmation,
        upgrade: upgradeFrom(manifest, extracted.files),
      };
      staged.set(stagingId, { dir, stagedAt: now(), manifest, manifestBytes: extracted.manifestBytes, signatureBytes: extracted.signatureBytes, signature: status, keyId, sizeBytes, preview });
      return preview;
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  function parseManifest(bytes: Buffer): Manifest {
    let raw: unknown;
    try {
      raw = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      const message = `manifest.json is not valid JSON (${(error as Error).message})`;
      throw new KiteError('pack_bad_manifest', message, { details: { message } });
    }
    const parsed = Manifest.safeParse(raw);
    if (!parsed.success) {
      const issues = zodIssues('manifest.json', parsed.error);
      const message = issues.map(formatIssue).join('; ');
      throw new KiteError('pack_bad_manifest', message, { details: { message }, issues: issues.map(toPayloadIssue) });
    }
    return parsed.data;
  }

  function checkSignature(manifestBytes: Buffer, signatureBytes?: Buffer): { status: SignatureStatus; keyId?: string } {
    if (!signatureBytes) return { status: 'unsigned' };
    let signature: Signature;
    try {
      signature = Signature.parse(JSON.parse(signatureBytes.toString('utf8')));
    } catch {
      throw new KiteError('pack_bad_signature', 'signature.json is damaged.');
    }
    const key = trust.get(signature.keyId);
    if (!key) return { status: 'unknown-publisher', keyId: signature.keyId };
    if (!verifyManifest(manifestBytes, signature, key)) {
      throw new KiteError('pack_bad_signature', `The signature by ${key.name} (${key.keyId}) does not match manifest.json: the pack was changed after it was signed.`);
    }
    return { status: 'trusted', keyId: signature.keyId };
  }

  function upgradeFrom(manifest: Manifest, files: Map<string, { sha256: string }>): UpgradeChange | null {
    const row = rows.get.get(manifest.id);
    if (!row) return null;
    const order = compareVersions(manifest.version, row.version);
    let previous: Manifest | undefined;
    try {
      previous = Manifest.parse(JSON.parse(fs.readFileSync(path.join(layout.packs, row.id, row.version, 'manifest.json'), 'utf8')));
    } catch {
      previous = undefined;
    }
    const before = new Map((previous?.lessons ?? []).map((l) => [l.id, previous?.files.find((f) => f.path === l.file)?.sha256]));
    const after = new Map(manifest.lessons.map((l) => [l.id, files.get(l.file)?.sha256]));
    return {
      kind: order > 0 ? 'upgrade' : order < 0 ? 'downgrade' : 'reinstall',
      fromVersion: row.version,
      added: [...after.keys()].filter((id) => !before.has(id)),
      removed: [...before.keys()].filter((id) => !after.has(id)),
      changed: [...after.keys()].filter((id) => before.has(id) && before.get(id) !== after.get(id)),
    };
  }

  function commit(stagingId: string, options: CommitOptions = {}): InstalledPack {
    const item = staged.get(stagingId);
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
    staged.delete(stagingId);
    try {
      writeFileAtomic(path.join(item.dir, 'manifest.json'), item.manifestBytes);
      if (item.signatureBytes) writeFileAtomic(path.join(item.dir, 'signature.json'), item.signatureBytes);
      const packDir = path.join(layout.packs, manifest.id);
      const target = path.join(packDir, manifest.version);
      fs.mkdirSync(packDir, { recursive: true });
      const previous = rows.get.get(manifest.id);
      let aside: string | undefined;
      if (fs.existsSync(target)) {
        aside = path.join(packDir, `.old-${manifest.version}-${crypto.randomBytes(4).toString('hex')}`);
        fs.renameSync(target, aside);
      }
      fs.renameSync(item.dir, target);
      fsyncDir(packDir);
      rows.upsert.run({
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
      cache.clear();
      log.info('lesson pack installed', { id: manifest.id, version: manifest.version, from: previous?.version, signature: item.signature });
      return describe(rows.get.get(manifest.id) as Row);
    } catch (error) {
      fs.rmSync(item.dir, { recursive: true, force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC') throw new KiteError('disk_full', 'The disk is full; the pack was not installed.');
      throw error;
    }
  }

  function discard(stagingId: string): void {
    const item = staged.get(stagingId);
    if (!item) return;
    staged.delete(stagingId);
    fs.rmSync(item.dir, { recursive: true, force: true });
  }

  async function install(file: string, options: StageOptions & CommitOptions = {}): Promise<InstalledPack> {
    const preview = await stage(file, options);
    try {
      return commit(preview.stagingId, options);
    } finally {
      discard(preview.stagingId);
    }
  }

  function uninstall(packId: string): void {
    const row = rows.get.get(packId);
    if (!row) throw new KiteError('not_found', `The pack ${packId} is not installed.`);
    rows.delete.run(packId);
    cache.clear();
    fs.rmSync(path.join(layout.packs, packId), { recursive: true, force: true });
    log.info('lesson pack uninstalled (pupils\' progress kept)', { id: packId, version: row.version });
  }

  /** Install the packs that come with the app, once each: a teacher's uninstall is respected. */
  async function installBuiltins(dir: string): Promise<InstalledPack[]> {
    const devKey = devPublisherKey(dir);
    if (devKey) {
      trust.addOfficialForRun(devKey);
      cache.clear();
    }
    const seen = new Set<string>(JSON.parse(kv.get('packs.builtins.seen') ?? '[]') as string[]);
    const installed: InstalledPack[] = [];
    for (const name of safeReaddir(dir).filter((n) => n.endsWith('.kpack')).sort()) {
      if (seen.has(name)) continue;
      try {
        const preview = await stage(path.join(dir, name), { trustedSource: true });
        if (preview.upgrade && preview.upgrade.kind !== 'upgrade') discard(preview.stagingId);
        else installed.push(commit(preview.stagingId, { builtin: true }));
      } catch (error) {
        log.error('a built-in lesson pack could not be installed', { file: name, error: error instanceof Error ? error.message : String(error) });
        continue;
      }
      seen.add(name);
      kv.set('packs.builtins.seen', JSON.stringify([...seen]));
    }
    return installed;
  }

  return {
    list,
    lesson(packId, lessonId) {
      const row = rows.get.get(packId);
      if (!row) throw new KiteError('not_found', `The pack ${packId} is not installed.`);
      const pack = describe(row);
      if (!pack.lessons.some((l) => l.id === lessonId)) throw new KiteError('not_found', `The pack ${packId} has no lesson ${lessonId}.`);
      const lesson = Lesson.parse(JSON.parse(fs.readFileSync(path.join(layout.packs, row.id, row.version, 'lessons', `${lessonId}.json`), 'utf8')));
      return {
        pack: { id: pack.id, version: pack.version, languages: pack.languages, title: pack.title },
        lesson,
        assetBase: `/packs/${encodeURIComponent(pack.id)}/${encodeURIComponent(pack.version)}/`,
      };
    },
    installedDir(packId, version) {
      const row = rows.get.get(packId);
      return row && row.version === version ? path.join(layout.packs, row.id, row.version) : undefined;
    },
    counts() {
      const packs = list();
      return { packs: packs.length, lessons: packs.reduce((n, p) => n + p.lessons.length, 0) };
    },
    stage,
    commit,
    discard,
    install,
    uninstall,
    installBuiltins,
    trust,
    uploads: createPackUploads(layout.tmp, now),
  };
}

function packFacts(manifest: Manifest) {
  return {
    id: manifest.id,
    version: manifest.version,
    title: manifest.title,
    description: manifest.description,
    languages: manifest.languages,
    grades: manifest.grades,
    subjects: manifest.subjects,
    license: manifest.license,
    authors: manifest.authors,
  };
}

function summarize(lesson: Lesson): LessonSummary {
  return {
    id: lesson.id,
    title: lesson.title,
    summary: lesson.summary,
    grades: lesson.grades,
    minutes: lesson.minutes,
    stepCount: lesson.steps.length,
    cover: lesson.cover,
    activityTypes: [...new Set(lesson.steps.map((s) => s.type))],
  };
}

const toPayloadIssue = (i: PackIssue) => ({ path: `${i.file}${i.pointer ? `#${i.pointer}` : ''}`, message: i.message });

function invalid(issues: PackIssue[]): KiteError {
  const message = issues.slice(0, 5).map(formatIssue).join('; ') + (issues.length > 5 ? ` (and ${issues.length - 5} more)` : '');
  return new KiteError('pack_invalid', message, { details: { message }, issues: issues.map(toPayloadIssue) });
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
