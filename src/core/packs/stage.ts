import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PackPreview, SignatureStatus, TrustedKey, UpgradeChange } from '../../shared/contract/packs';
import { KiteError } from '../../shared/errors';
import { checkPack, formatIssue, Manifest, Signature, zodIssues } from '../../shared/pack';
import type { Settings } from '../../shared/settings';
import type { DataLayout } from '../datadir';
import { APP_VERSION } from '../version';
import { invalid, packFacts, lessonSummary, toPayloadIssue } from './facts';
import type { Installed } from './installed';
import { compareVersions } from './semver';
import { verifyManifest } from './signing';
import type { TrustStore } from './trust';
import { extractPack, type ExtractOptions, type UnzipLimits } from './unzip';
import { fileIssues, readLessonFiles } from './verify';

/** A preview nobody installed or discarded (the teacher walked away) is removed after this long. */
const STAGED_TTL_MS = 60 * 60_000;

export interface Staged {
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
  /** A publisher key the classroom hub vouches for, for this pack only (see core/hub/distribution/install.ts). */
  roomKey?: TrustedKey;
}

/**
 * Unpack a .kpack into tmp/ and check everything (manifest, files, lessons, signature, trust
 * policy, upgrade or downgrade) without installing it: what the teacher previews.
 */
export function createStager({ layout, settings, trust, installed, now }: { layout: DataLayout; settings: () => Settings; trust: TrustStore; installed: Installed; now: () => number }) {
  const staged = new Map<string, Staged>();

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

      const { status, keyId } = checkSignature(extracted.manifestBytes, extracted.signatureBytes, options.roomKey);
      const needsConfirmation = status !== 'trusted' && !options.trustedSource;
      if (needsConfirmation && settings().packTrustPolicy === 'refuse') {
        throw new KiteError('pack_untrusted', status === 'unsigned' ? 'The pack is not signed, and this PC only accepts signed packs from trusted publishers.' : `The pack is signed with key ${keyId}, which is not in this PC's trust store.`, {
          details: { message: status === 'unsigned' ? 'unsigned' : `key ${keyId}` },
        });
      }
      // totalBytes already counts manifest.json and signature.json.
      const { totalBytes: sizeBytes } = extracted;
      const preview: PackPreview = {
        stagingId,
        ...packFacts(manifest),
        sizeBytes,
        lessons: checked.lessons.map(lessonSummary),
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

  function checkSignature(manifestBytes: Buffer, signatureBytes?: Buffer, roomKey?: TrustedKey): { status: SignatureStatus; keyId?: string } {
    if (!signatureBytes) return { status: 'unsigned' };
    let signature: Signature;
    try {
      signature = Signature.parse(JSON.parse(signatureBytes.toString('utf8')));
    } catch {
      throw new KiteError('pack_bad_signature', 'signature.json is damaged.');
    }
    const key = trust.get(signature.keyId) ?? (roomKey?.keyId === signature.keyId ? roomKey : undefined);
    if (!key) return { status: 'unknown-publisher', keyId: signature.keyId };
    if (!verifyManifest(manifestBytes, signature, key)) {
      throw new KiteError('pack_bad_signature', `The signature by ${key.name} (${key.keyId}) does not match manifest.json: the pack was changed after it was signed.`);
    }
    return { status: 'trusted', keyId: signature.keyId };
  }

  function upgradeFrom(manifest: Manifest, files: Map<string, { sha256: string }>): UpgradeChange | null {
    const row = installed.row(manifest.id);
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

  function discard(stagingId: string): void {
    const item = staged.get(stagingId);
    if (!item) return;
    staged.delete(stagingId);
    fs.rmSync(item.dir, { recursive: true, force: true });
  }

  return {
    stage,
    discard,
    /** A staged pack, still waiting (it stays staged until taken or discarded). */
    get: (stagingId: string): Staged | undefined => staged.get(stagingId),
    /** Take a staged pack out of the waiting list to install it; its folder is now the caller's. */
    take(stagingId: string): void {
      staged.delete(stagingId);
    },
  };
}
