import { z } from 'zod';
import { Language } from './settings';

/**
 * The machine-wide configuration IT staff write once per PC (config.json). Every key is optional:
 * a key that is absent leaves the app's own default or the teacher's choice alone. The file may
 * carry // and /* *\/ comments (JSONC) so the printed example can be copied as it is.
 *
 * Each key's `description` is the English reference text; docs/en/config.md and docs/zh-CN/config.md
 * document every key (a test checks that they do).
 */
export const PIN_HASH_PATTERN = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/;

export const TrustedPublisherKey = z
  .object({
    name: z.string().min(1).max(100).describe('Who publishes packs signed with this key, e.g. "County education bureau".'),
    publicKey: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be a base64 Ed25519 public key (32 bytes, 44 characters)')
      .describe('The raw Ed25519 public key, base64.'),
  })
  .strict();
export type TrustedPublisherKey = z.infer<typeof TrustedPublisherKey>;

export const CountyLink = z
  .object({
    url: z
      .string()
      .url()
      .regex(/^https:\/\//, 'must start with https://')
      .max(300)
      .describe('The county server, e.g. "https://county.example:5443". A hub or standalone PC (desktop app or "kite serve") pushes progress bundles to {url}/api/bundles.'),
    certFingerprint: z
      .string()
      .regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/i, 'must be a SHA-256 fingerprint like "AB:CD:…" (32 pairs), as "kite county serve" prints it')
      .optional()
      .describe("The county server certificate's SHA-256 fingerprint, as \"kite county serve\" prints it. When given, only that certificate is accepted (self-signed is fine)."),
    publicKey: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be a base64 Ed25519 public key (32 bytes, 44 characters)')
      .optional()
      .describe("The county's receipt-signing key (raw Ed25519, base64). When absent, the key of the first receipt imported is pinned."),
    sendClassNames: z.boolean().optional().describe('Send class names to the county (off by default: classes travel as pseudonyms with their grade).'),
    pushIntervalMinutes: z.number().int().min(1).max(1440).optional().describe('Minutes between pushes when the last one worked (default 60).'),
  })
  .strict();
export type CountyLink = z.infer<typeof CountyLink>;

export const MACHINE_ROLES = ['standalone', 'hub', 'pupil-pc'] as const;
export const MachineRole = z.enum(MACHINE_ROLES);
export type MachineRole = z.infer<typeof MachineRole>;

export const MachineConfigShape = {
  dataDir: z
    .string()
    .min(1)
    .max(500)
    .describe('Folder for the database, packs, media, backups and logs, e.g. D:\\KiteData. --data and KITE_DATA_DIR win over it.'),
  schoolName: z.string().max(60).describe('School name shown on the home screen.'),
  classroomName: z.string().max(60).describe('Classroom name shown on the home screen.'),
  language: Language.describe('Default interface language: "zh-CN" or "en".'),
  pinyinDefault: z.boolean().describe('Show pinyin over Chinese text by default.'),
  kiosk: z.boolean().describe('Full-screen kiosk mode in the desktop app. When absent: on in installed builds, off when run from source.'),
  idleTimeoutMinutes: z.number().int().min(1).max(120).describe('Minutes without a touch before the app returns to the sign-in screen (1-120).'),
  teacherPinHash: z
    .string()
    .regex(PIN_HASH_PATTERN, 'must be a hash made by "kite config hash-pin"')
    .describe('The teacher PIN as a scrypt hash made by "kite config hash-pin"; never the PIN itself.'),
  trustedPublisherKeys: z.array(TrustedPublisherKey).max(50).describe('Publishers whose signed lesson packs are trusted: a list of { "name", "publicKey" }.'),
  packsFolder: z.string().min(1).max(500).describe('A folder the app imports new lesson packs (*.kpack) from at start.'),
  role: MachineRole.describe('This PC in the classroom: "standalone" (default, on its own), "hub" (the teacher\'s PC that runs the room) or "pupil-pc" (joined to a hub with "kite join").'),
  lanMode: z.boolean().describe('Older name for role "hub": true makes "kite serve" run this PC as the classroom hub.'),
  lanPort: z.number().int().min(1).max(65535).describe('Port "kite serve" listens on (default 5317); on a hub, other PCs connect to it over HTTPS.'),
  county: CountyLink.describe('Sending progress to the county: { "url", "certFingerprint"?, "publicKey"?, "sendClassNames"?, "pushIntervalMinutes"? } (docs/en/county.md).'),
} as const;

export const MachineConfig = z.object(MachineConfigShape).partial().strict();
export type MachineConfig = z.infer<typeof MachineConfig>;
export type MachineConfigKey = keyof typeof MachineConfigShape;
export const MACHINE_CONFIG_KEYS = Object.keys(MachineConfigShape) as MachineConfigKey[];
