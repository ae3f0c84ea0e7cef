import { z } from 'zod';
import { GradeBand } from './lesson';
import { Id, LanguageTag, LocalizedText } from './text';
import { packEntryProblem } from './files';

export const PACK_FORMAT = 1;

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/;
export const SemVer = z.string().regex(SEMVER, 'must be a version like 1.2.0');

/** Reverse-domain pack id, e.g. org.kiteclassroom.safety-basics. */
export const PackId = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/, 'must be a reverse-domain id such as org.example.my-pack');

/** A file of the pack (everything but manifest.json and signature.json), with its size and hash. */
export const PackFile = z
  .object({
    path: z
      .string()
      .max(300)
      .regex(/^(lessons|media)\/[A-Za-z0-9._\-/]+$/, 'must be under lessons/ or media/')
      .superRefine((name, ctx) => {
        const problem = packEntryProblem(name);
        if (problem) ctx.addIssue({ code: 'custom', message: problem.message });
      }),
    size: z.number().int().min(0),
    sha256: z.string().regex(/^[a-f0-9]{64}$/, 'must be a lowercase hex SHA-256'),
  })
  .strict();
export type PackFile = z.infer<typeof PackFile>;

/** manifest.json at the root of a .kpack zip. */
export const Manifest = z
  .object({
    format: z.literal(PACK_FORMAT),
    id: PackId,
    version: SemVer,
    title: LocalizedText,
    description: LocalizedText,
    /** The languages every text of the pack is given in; the first is the pack's main language. */
    languages: z.array(LanguageTag).min(1).max(8),
    grades: GradeBand,
    subjects: z.array(z.string().min(1).max(40)).max(10),
    license: z.string().min(1).max(200),
    authors: z.array(z.object({ name: z.string().min(1).max(100), role: z.string().max(60).optional() }).strict()).min(1).max(20),
    minAppVersion: SemVer,
    lessons: z.array(z.object({ id: Id, file: z.string().regex(/^lessons\/[a-z0-9-]+\.json$/, 'must be lessons/<id>.json') }).strict()).min(1).max(60),
    files: z.array(PackFile).max(10_000),
  })
  .strict();
export type Manifest = z.infer<typeof Manifest>;

/** signature.json: Ed25519 over the exact bytes of manifest.json. */
export const Signature = z
  .object({
    algorithm: z.literal('ed25519'),
    /** The publisher key's id: the first 16 hex digits of the SHA-256 of its raw public key. */
    keyId: z.string().regex(/^[a-f0-9]{16}$/),
    signature: z.string().regex(/^[A-Za-z0-9+/]+=*$/, 'must be base64'),
  })
  .strict();
export type Signature = z.infer<typeof Signature>;
