import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CheckStatus, DoctorCheck, DoctorReport } from '../../shared/contract/system';
import type { Language } from '../../shared/languages';
import type { DoctorFindingCode } from '../../shared/messages';
import type { TrustedPublisherKey } from '../../shared/config';
import type { GpuInfo } from '../../shared/kiosk';
import { Lesson, Manifest, Signature } from '../../shared/pack';
import { dataLayout } from '../datadir';
import { machineProblems, type LoadedConfig } from '../config/load';
import { RELEASE_KEY } from '../packs/official';
import { APP_VERSION } from '../version';
import { writeFileAtomic } from '../fs/atomic';
import { builtinPacks, databaseChecks } from './database';
import { finding as check } from './finding';
import { formatBytes, formatReport } from './format';

export interface DoctorOptions {
  dataDir: string;
  config: LoadedConfig;
  /** From the Electron shell; absent on the command line, where there is no GPU process. */
  gpu?: GpuInfo;
  now?: () => number;
  /** The language of the plain-text report (the checks carry codes for any language). Default English. */
  language?: Language;
}

/** Free space below this is a warning (video imports need room); below the second, a failure. */
const LOW_SPACE = 2 * 1024 ** 3;
const TOO_LITTLE_SPACE = 200 * 1024 ** 2;

/**
 * `kite doctor`: look at a data folder without changing it (the database is opened read-only and
 * may be corrupt; nothing else is created) and say what works and what is broken.
 */
export function runDoctor({ dataDir, config, gpu, now = Date.now, language = 'en' }: DoctorOptions): DoctorReport {
  const layout = dataLayout(dataDir);
  const checks: DoctorCheck[] = [
    ...versionChecks(),
    ...configChecks(config),
    ...dataDirChecks(layout.root),
    ...databaseChecks(layout.db),
    ...packChecks(layout.packs, [RELEASE_KEY, ...(config.config.trustedPublisherKeys ?? [])], builtinPacks(layout.db)),
    ...mediaChecks(layout.media),
    ...gpuChecks(gpu),
  ];
  const createdAt = new Date(now()).toISOString();
  const broken = checks.some((c) => c.status === 'fail');
  return { createdAt, checks, broken, text: formatReport(language, createdAt, layout.root, checks, broken) };
}

function versionChecks(): DoctorCheck[] {
  const memory = new Database(':memory:');
  const sqlite = memory.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()?.v ?? '?';
  memory.close();
  const { electron, chrome, node } = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return [
    check('versions', 'ok', 'app_version', { version: APP_VERSION }),
    electron ? check('versions', 'ok', 'runtime_electron', { electron, chrome: chrome ?? '?', node }) : check('versions', 'ok', 'runtime_node', { node }),
    check('versions', 'ok', 'sqlite', { version: sqlite }),
    check('versions', 'ok', 'system', { os: `${os.type()} ${os.release()}`, arch: os.arch(), memory: Math.round(os.totalmem() / 1024 ** 3), cores: os.cpus().length }),
  ];
}

function configChecks(loaded: LoadedConfig): DoctorCheck[] {
  const found = loaded.found
    ? check('config', 'ok', 'config_found', { file: loaded.file, count: Object.keys(loaded.config).length })
    : check('config', 'ok', 'config_none', loaded.file ? { file: loaded.file } : {});
  const problems = [...loaded.problems, ...machineProblems(loaded.config, loaded.file)];
  return [found, ...problems.map((problem) => check('config', 'fail', 'config_problem', {}, problem))];
}

function dataDirChecks(root: string): DoctorCheck[] {
  if (!fs.existsSync(root)) return [check('data', 'fail', 'data_missing', { dir: root })];
  const checks = [check('data', writable(root) ? 'ok' : 'fail', writable(root) ? 'data_writable' : 'data_unwritable', { dir: root })];
  try {
    const stats = fs.statfsSync(root);
    const free = stats.bavail * stats.bsize;
    const status = free < TOO_LITTLE_SPACE ? 'fail' : free < LOW_SPACE ? 'warn' : 'ok';
    checks.push(check('data', status, status === 'ok' ? 'space_ok' : 'space_low', { free: formatBytes(free), total: formatBytes(stats.blocks * stats.bsize) }));
  } catch (error) {
    checks.push(check('data', 'warn', 'space_unknown', {}, (error as Error).message));
  }
  return checks;
}

/** access(2) also says no for a read-only disk or mount, even to root. */
function writable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A publisher key's id as signature.json names it: the first 16 hex digits of SHA-256 of the raw key. */
export function publisherKeyId(publicKeyBase64: string): string {
  return crypto.createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16);
}

function packChecks(packsDir: string, trusted: TrustedPublisherKey[], builtins: Set<string>): DoctorCheck[] {
  const installed = subdirs(packsDir).flatMap((id) => subdirs(path.join(packsDir, id)).map((version) => ({ id, version, dir: path.join(packsDir, id, version) })));
  if (installed.length === 0) return [check('packs', 'warn', 'packs_none')];
  return installed.map(({ id, version, dir }) => {
    const name = { id, version };
    let manifestBytes: Buffer;
    let manifest: Manifest;
    try {
      manifestBytes = fs.readFileSync(path.join(dir, 'manifest.json'));
      const parsed = Manifest.safeParse(JSON.parse(manifestBytes.toString('utf8')));
      if (!parsed.success) return check('packs', 'fail', 'pack_manifest_invalid', name, parsed.error.issues[0]?.message);
      manifest = parsed.data;
    } catch (error) {
      return check('packs', 'fail', 'pack_manifest_unreadable', name, (error as Error).message);
    }
    const fileProblems = packFileProblems(dir, manifest);
    const signature = signatureStatus(dir, manifestBytes, trusted, builtins.has(`${id}@${version}`));
    if (fileProblems.length > 0) {
      return check('packs', 'fail', 'pack_files_bad', { ...name, count: fileProblems.length }, fileProblems.slice(0, 5).join('; '));
    }
    return check('packs', signature.status, signature.code, { ...name, files: manifest.files.length, ...signature.params }, signature.technical);
  });
}

function packFileProblems(dir: string, manifest: Manifest): string[] {
  const problems: string[] = [];
  for (const file of manifest.files) {
    const full = path.join(dir, ...file.path.split('/'));
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(full);
    } catch {
      problems.push(`${file.path} is missing`);
      continue;
    }
    if (bytes.length !== file.size || crypto.createHash('sha256').update(bytes).digest('hex') !== file.sha256) problems.push(`${file.path} is damaged (its contents changed)`);
  }
  for (const lesson of manifest.lessons) {
    const full = path.join(dir, ...lesson.file.split('/'));
    if (!fs.existsSync(full)) {
      if (!problems.some((p) => p.startsWith(lesson.file))) problems.push(`${lesson.file} is missing`);
      continue;
    }
    try {
      if (!Lesson.safeParse(JSON.parse(fs.readFileSync(full, 'utf8'))).success) problems.push(`${lesson.file} is not a valid lesson`);
    } catch {
      problems.push(`${lesson.file} is not valid JSON`);
    }
  }
  return problems;
}

interface SignatureStatus {
  status: CheckStatus;
  code: DoctorFindingCode;
  params?: Record<string, string>;
  technical?: string;
}

function signatureStatus(dir: string, manifestBytes: Buffer, trusted: TrustedPublisherKey[], builtin: boolean): SignatureStatus {
  const file = path.join(dir, 'signature.json');
  // Installed by the app itself from the packs it ships with: their origin is the installer.
  if (builtin && !fs.existsSync(file)) return { status: 'ok', code: 'pack_builtin' };
  if (!fs.existsSync(file)) return { status: 'warn', code: 'pack_unsigned' };
  let signature: Signature;
  try {
    const parsed = Signature.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) return { status: 'fail', code: 'pack_signature_invalid', technical: parsed.error.issues[0]?.message };
    signature = parsed.data;
  } catch (error) {
    return { status: 'fail', code: 'pack_signature_unreadable', technical: (error as Error).message };
  }
  const key = trusted.find((k) => publisherKeyId(k.publicKey) === signature.keyId);
  // A development build's own key is known only to that build: the app checked it at install.
  if (!key && builtin) return { status: 'ok', code: 'pack_builtin' };
  if (!key) {
    return { status: 'warn', code: 'pack_key_unknown', params: { keyId: signature.keyId } };
  }
  const publicKey = crypto.createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(key.publicKey, 'base64')]), format: 'der', type: 'spki' });
  const valid = crypto.verify(null, manifestBytes, publicKey, Buffer.from(signature.signature, 'base64'));
  return valid
    ? { status: 'ok', code: 'pack_signed', params: { publisher: key.name } }
    : { status: 'fail', code: 'pack_signature_mismatch', params: { publisher: key.name } };
}

const MEDIA_SIGNATURES: { ext: RegExp; test: (head: Buffer) => boolean }[] = [
  { ext: /\.(mp4|m4v|mov)$/i, test: (h) => ['ftyp', 'moov', 'mdat', 'wide', 'free'].includes(h.subarray(4, 8).toString('latin1')) },
  { ext: /\.webm$/i, test: (h) => h.readUInt32BE(0) === 0x1a45dfa3 },
  { ext: /\.jpe?g$/i, test: (h) => h[0] === 0xff && h[1] === 0xd8 },
  { ext: /\.png$/i, test: (h) => h.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])) },
];

function mediaChecks(mediaDir: string): DoctorCheck[] {
  const names = fs.existsSync(mediaDir) ? fs.readdirSync(mediaDir) : [];
  const mediaFiles = names.filter((n) => MEDIA_SIGNATURES.some((s) => s.ext.test(n)));
  const stems = new Set(mediaFiles.map((n) => n.replace(/\.[^.]+$/, '')));
  // A sidecar (<sha256>.json) whose video or photo is gone means the file was deleted by hand.
  const orphaned = names.filter((n) => n.endsWith('.json') && !stems.has(n.replace(/\.json$/, '').replace(/\.[^.]+$/, '')) && !stems.has(n.replace(/\.json$/, '')));
  const unplayable = mediaFiles.filter((name) => {
    const full = path.join(mediaDir, name);
    const head = Buffer.alloc(12);
    const fd = fs.openSync(full, 'r');
    const read = fs.readSync(fd, head, 0, 12, 0);
    fs.closeSync(fd);
    return read < 12 || !MEDIA_SIGNATURES.find((s) => s.ext.test(name))?.test(head);
  });
  const videos = mediaFiles.filter((n) => /\.(mp4|m4v|mov|webm)$/i.test(n)).length;
  const checks = [check('media', 'ok', 'media_summary', { videos, photos: mediaFiles.length - videos })];
  if (unplayable.length) checks.push(check('media', 'warn', 'media_unplayable', { count: unplayable.length }, unplayable.slice(0, 5).join(', ')));
  if (orphaned.length) checks.push(check('media', 'warn', 'media_missing', { count: orphaned.length }, orphaned.slice(0, 5).join(', ')));
  return checks;
}

function gpuChecks(gpu: GpuInfo | undefined): DoctorCheck[] {
  if (!gpu) return [check('gpu', 'ok', 'gpu_not_checked')];
  const webgl = gpu.featureStatus.webgl ?? gpu.featureStatus.webgl2 ?? 'unknown';
  const good = webgl.startsWith('enabled');
  return [
    check('gpu', good ? 'ok' : 'warn', good ? 'webgl_ok' : 'webgl_off', { status: webgl }),
    ...gpu.devices.map((name) => check('gpu', 'ok', 'gpu_device', { name })),
    check('gpu', 'ok', 'gpu_features', {}, Object.entries(gpu.featureStatus).map(([k, v]) => `${k}=${v}`).join(', ')),
  ];
}

function subdirs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** Save the report for a USB stick: Windows line endings on Windows, so Notepad shows it right. */
export function saveDoctorReport(report: DoctorReport, file: string, platform = process.platform): void {
  writeFileAtomic(path.resolve(file), platform === 'win32' ? report.text.replace(/\n/g, '\r\n') : report.text);
}
