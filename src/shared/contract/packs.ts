import { z } from 'zod';
import { ImageRef, LocalizedText, PackId, STEP_TYPES, type GradeBand, type StepType } from '../pack';
import { event, method, NoInput } from './define';

// Lesson packs. The read methods below are fixed (the lesson player relies on them); the
// packs feature adds its import/uninstall methods and wires this file into contract/index.ts.

export type SignatureStatus = 'trusted' | 'unknown-publisher' | 'unsigned' | 'broken';

export interface LessonSummary {
  id: string;
  title: LocalizedText;
  summary?: LocalizedText;
  grades: GradeBand;
  minutes: number;
  stepCount: number;
  cover?: ImageRef;
  activityTypes: StepType[];
}

export interface InstalledPack {
  id: string;
  version: string;
  title: LocalizedText;
  description: LocalizedText;
  languages: string[];
  grades: GradeBand;
  subjects: string[];
  license: string;
  authors: { name: string; role?: string }[];
  signature: SignatureStatus;
  /** Signed by Kite Classroom's own key: shown as "official lessons". */
  official: boolean;
  installedAt: string;
  sizeBytes: number;
  lessons: LessonSummary[];
}

export const packReadMethods = {
  'packs.list': method<InstalledPack[]>()('pupil', NoInput),
} as const;

/** What an import would change for a pack that is already installed. */
export interface UpgradeChange {
  kind: 'upgrade' | 'downgrade' | 'reinstall';
  fromVersion: string;
  /** Lesson ids. */
  added: string[];
  removed: string[];
  changed: string[];
}

/** A pack unpacked and checked in tmp/, shown to the teacher before it is installed. */
export interface PackPreview extends Omit<InstalledPack, 'installedAt' | 'signature'> {
  stagingId: string;
  signature: SignatureStatus;
  publisher?: { keyId: string; name?: string };
  /** Unsigned or unknown publisher, allowed by the trust policy after the teacher confirms with the PIN. */
  needsConfirmation: boolean;
  /** null when the pack is not installed yet. */
  upgrade: UpgradeChange | null;
}

export interface TrustedKey {
  keyId: string;
  name: string;
  /** Raw Ed25519 public key, base64. */
  publicKey: string;
  builtin: boolean;
  addedAt: string;
}

export interface PackFileChoice {
  path: string;
  name: string;
  /** The subfolder it is in, relative to the folder searched, "/"-separated; '' when directly in it. */
  where: string;
  sizeBytes: number;
}

const StagingId = z.string().uuid();
/** A folder or file path on this PC (a USB stick): absolute, no NUL bytes. */
const LocalPath = z.string().min(1).max(1000).refine((p) => !p.includes('\0'), 'must not contain NUL bytes');
const PackSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('upload'), uploadId: z.string().uuid() }).strict(),
  z.object({ kind: z.literal('path'), path: LocalPath }).strict(),
]);

export const packMethods = {
  /** A one-time URL to POST a .kpack file's bytes to (both hosts); the answer names an uploadId for packs.preview. */
  'packs.uploadToken': method<{ url: string }>()('teacher', NoInput),
  /** Plugged-in USB sticks and cards this PC can see (the same list as media.cards). */
  'packs.drives': method<{ path: string }[]>()('teacher', NoInput),
  /** .kpack files in a folder and its subfolders (a few levels down), or the one file named. */
  'packs.scanFolder': method<{ folder: string; packs: PackFileChoice[] }>()('teacher', z.object({ path: LocalPath }).strict()),
  /** Unpack and check a pack into tmp/ as a job (core/jobs): its result is the PackPreview; progress, end and cancel through jobs.*. */
  'packs.preview': method<{ jobId: string }>()('teacher', z.object({ source: PackSource }).strict()),
  /** Install a previewed pack; a downgrade needs confirmDowngrade, an untrusted pack the PIN. */
  'packs.install': method<InstalledPack>()(
    'teacher',
    z.object({ stagingId: StagingId, confirmDowngrade: z.boolean().optional(), pin: z.string().max(16).optional() }).strict(),
  ),
  'packs.discard': method<{ discarded: boolean }>()('teacher', z.object({ stagingId: StagingId }).strict()),
  /** Removes the pack's files; pupils' progress is kept. */
  'packs.uninstall': method<{ uninstalled: boolean }>()('teacher', z.object({ packId: PackId }).strict()),
  'packs.trustedKeys': method<TrustedKey[]>()('teacher', NoInput),
  'packs.trustKey': method<TrustedKey>()('teacher', z.object({ name: z.string().trim().min(1).max(80), publicKey: z.string().min(40).max(400) }).strict()),
  'packs.untrustKey': method<{ removed: boolean }>()('teacher', z.object({ keyId: z.string().regex(/^[a-f0-9]{16}$/) }).strict()),
} as const;

export const packEvents = {
  /** A pack was installed or removed: lists should reload. */
  'packs.changed': event('pupil', z.object({ packId: z.string() })),
} as const;

export { STEP_TYPES };
