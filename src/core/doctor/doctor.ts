import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CheckStatus, DoctorCheck, DoctorReport } from '../../shared/contract/kiosk';
import type { TrustedPublisherKey } from '../../shared/config';
import type { GpuInfo } from '../../shared/kiosk';
import { Lesson, Manifest, Signature } from '../../shared/pack';
import { dataLayout } from '../datadir';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { machineProblems, type LoadedConfig } from '../config/load';
import { APP_VERSION } from '../version';
import { writeFileAtomic } from '../fs/atomic';

export interface DoctorOptions {
  dataDir: string;
  config: LoadedConfig;
  /** From the Electron shell; absent on the command line, where there is no GPU process. */
  gpu?: GpuInfo;
  now?: () => number;
}

/** Free space below this is a warning (video imports need room); below the second, a failure. */
const LOW_SPACE = 2 * 1024 ** 3;
const TOO_LITTLE_SPACE = 200 * 1024 ** 2;

/**
 * `kite doctor`: look at a data folder without changing it (the database is opened read-only and
 * may be corrupt; nothing else is created) and say what works and what is broken.
 */
export function runDoctor({ dataDir, config, gpu, now = Date.now }: DoctorOptions): DoctorReport {
  const layout = dataLayout(dataDir);
  const checks: DoctorCheck[] = [
    ...versionChecks(),
    ...configChecks(config),
    ...dataDirChecks(layout.root),
    ...databaseChecks(layout.db),
    ...packChecks(layout.packs, config.config.trustedPublisherKeys ?? [], builtinPacks(layout.db)),
    ...mediaChecks(layout.media),
    ...gpuChecks(gpu),
  ];
  const createdAt = new Date(now()).toISOString();
  const broken = checks.some((c) => c.status === 'fail');
  return { createdAt, checks, broken, text: formatReport(createdAt, layout.root, checks, broken) };
}

const check = (section: DoctorCheck['section'], status: CheckStatus, title: string, detail?: string): DoctorCheck => ({ section, status, title, ...(detail ? { detail } : {}) });

function versionChecks(): DoctorCheck[] {
  const memory = new Database(':memory:');
  const sqlite = memory.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()?.v ?? '?';
  memory.close();
  const { electron, chrome, node } = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  const runtime = electron ? `Electron ${electron} (Chromium ${chrome ?? '?'}, Node ${node})` : `Node ${node} (command line or browser host, not the desktop app)`;
  return [
    check('versions', 'ok', `Kite Classroom ${APP_VERSION}`),
    check('versions', 'ok', runtime),
    check('versions', 'ok', `SQLite ${sqlite}`),
    check('versions', 'ok', `${os.type()} ${os.release()} ${os.arch()}, ${Math.round(os.totalmem() / 1024 ** 3)} GB memory, ${os.cpus().length} CPU cores`),
  ];
}

function configChecks(loaded: LoadedConfig): DoctorCheck[] {
  const found = loaded.found
    ? check('config', 'ok', `Machine config: ${loaded.file}`, `${Object.keys(loaded.config).length} valid key(s)`)
    : check('config', 'ok', 'Machine config: none (defaults in use)', loaded.file ? `looked for ${loaded.file}` : undefined);
  const problems = [...loaded.problems, ...machineProblems(loaded.config, loaded.file)];
  return [found, ...problems.map((problem) => check('config', 'fail', 'Config problem', problem))];
}

function dataDirChecks(root: string): DoctorCheck[] {
  if (!fs.existsSync(root)) return [check('data', 'fail', `Data folder ${root} does not exist`, 'Start the app once, or check --data / the config\'s dataDir.')];
  const checks: DoctorCheck[] = [];
  try {
    fs.accessSync(root, fs.constants.W_OK);
    checks.push(check('data', 'ok', `Data folder ${root} is writable`));
  } catch {
    checks.push(check('data', 'fail', `Data folder ${root} is not writable`, 'Give the pupils\' Windows/Linux account write access to it.'));
  }
  try {
    const stats = fs.statfsSync(root);
    const free = stats.bavail * stats.bsize;
    const text = `Free space: ${formatBytes(free)} of ${formatBytes(stats.blocks * stats.bsize)}`;
    const status = free < TOO_LITTLE_SPACE ? 'fail' : free < LOW_SPACE ? 'warn' : 'ok';
    checks.push(check('data', status, text, status === 'ok' ? undefined : 'Delete old videos or move the data folder to a bigger disk.'));
  } catch (error) {
    checks.push(check('data', 'warn', 'Free space unknown', (error as Error).message));
  }
  return checks;
}

function databaseChecks(file: string): DoctorCheck[] {
  if (!fs.existsSync(file)) return [check('database', 'warn', 'Database not created yet', 'The app creates kite.db when it first starts (or restores the newest backup, if there is one).')];
  if (fs.statSync(file).size === 0) {
    return [check('database', 'fail', 'Database file is empty (0 bytes)', 'A power cut can leave this, above all on FAT32 USB sticks. The app restores the newest good backup at its next start.')];
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    const version = db.pragma('user_version', { simple: true }) as number;
    const checks = [
      problems.length === 0
        ? check('database', 'ok', `Database integrity: ok (${formatBytes(fs.statSync(file).size)})`)
        : check('database', 'fail', 'Database integrity: damaged', `${problems.slice(0, 5).join('; ')}. Restore the newest backup from backups/ (see the backup guide).`),
    ];
    if (version > LATEST_SCHEMA_VERSION) checks.push(check('database', 'fail', `Database version ${version} is newer than this app (${LATEST_SCHEMA_VERSION})`, 'Install the newer Kite Classroom that wrote it.'));
    else checks.push(check('database', 'ok', `Database version ${version} (this app: ${LATEST_SCHEMA_VERSION})`));
    return checks;
  } catch (error) {
    return [check('database', 'fail', 'Database cannot be read', `${(error as Error).message}. Restore the newest backup from backups/ (see the backup guide).`)];
  } finally {
    db?.close();
  }
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A publisher key's id as signature.json names it: the first 16 hex digits of SHA-256 of the raw key. */
export function publisherKeyId(publicKeyBase64: string): string {
  return crypto.createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16);
}

/** `id@version` of the packs the app installed from its own installer (read-only; none if the database can't be read). */
function builtinPacks(file: string): Set<string> {
  if (!fs.existsSync(file)) return new Set();
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return new Set(db.prepare<[], { id: string; version: string }>('SELECT id, version FROM installed_packs WHERE builtin = 1').all().map((r) => `${r.id}@${r.version}`));
  } catch {
    return new Set();
  } finally {
    db?.close();
  }
}

function packChecks(packsDir: string, trusted: TrustedPublisherKey[], builtins: Set<string>): DoctorCheck[] {
  const installed = subdirs(packsDir).flatMap((id) => subdirs(path.join(packsDir, id)).map((version) => ({ id, version, dir: path.join(packsDir, id, version) })));
  if (installed.length === 0) return [check('packs', 'warn', 'No lesson packs installed', 'Import the built-in packs or a .kpack from a USB stick in the teacher console.')];
  return installed.map(({ id, version, dir }) => {
    const name = `Pack ${id} ${version}`;
    let manifestBytes: Buffer;
    let manifest: Manifest;
    try {
      manifestBytes = fs.readFileSync(path.join(dir, 'manifest.json'));
      const parsed = Manifest.safeParse(JSON.parse(manifestBytes.toString('utf8')));
      if (!parsed.success) return check('packs', 'fail', `${name}: manifest.json is invalid`, parsed.error.issues[0]?.message);
      manifest = parsed.data;
    } catch (error) {
      return check('packs', 'fail', `${name}: manifest.json cannot be read`, (error as Error).message);
    }
    const fileProblems = packFileProblems(dir, manifest);
    const signature = signatureStatus(dir, manifestBytes, trusted, builtins.has(`${id}@${version}`));
    if (fileProblems.length > 0) {
      return check('packs', 'fail', `${name}: ${fileProblems.length} file(s) missing or damaged`, `${fileProblems.slice(0, 5).join('; ')}. Import the pack again from its .kpack.`);
    }
    return check('packs', signature.status, `${name}: ${manifest.files.length} files ok, ${signature.text}`, signature.detail);
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

function signatureStatus(dir: string, manifestBytes: Buffer, trusted: TrustedPublisherKey[], builtin: boolean): { status: CheckStatus; text: string; detail?: string } {
  const file = path.join(dir, 'signature.json');
  // Installed by the app itself from the packs it ships with: their origin is the installer.
  if (builtin && !fs.existsSync(file)) return { status: 'ok', text: 'built in (came with the app)' };
  if (!fs.existsSync(file)) return { status: 'warn', text: 'not signed', detail: 'An unsigned pack: only keep it if you know where it came from.' };
  let signature: Signature;
  try {
    const parsed = Signature.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) return { status: 'fail', text: 'signature.json is invalid', detail: parsed.error.issues[0]?.message };
    signature = parsed.data;
  } catch (error) {
    return { status: 'fail', text: 'signature.json cannot be read', detail: (error as Error).message };
  }
  const key = trusted.find((k) => publisherKeyId(k.publicKey) === signature.keyId);
  if (!key) {
    return { status: 'warn', text: `signed by key ${signature.keyId}: cannot verify`, detail: 'The key is not in the config\'s trustedPublisherKeys (or the app\'s built-in keys, which only the app checks).' };
  }
  const publicKey = crypto.createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(key.publicKey, 'base64')]), format: 'der', type: 'spki' });
  const valid = crypto.verify(null, manifestBytes, publicKey, Buffer.from(signature.signature, 'base64'));
  return valid
    ? { status: 'ok', text: `signature valid (${key.name})` }
    : { status: 'fail', text: 'signature does NOT match', detail: `The pack was changed after ${key.name} signed it. Delete it and import the original .kpack again.` };
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
  const checks = [check('media', 'ok', `Media: ${videos} video(s), ${mediaFiles.length - videos} photo(s)`)];
  if (unplayable.length) checks.push(check('media', 'warn', `${unplayable.length} media file(s) may not play`, `${unplayable.slice(0, 5).join(', ')}: not a video/photo the app can show. Import them again.`));
  if (orphaned.length) checks.push(check('media', 'warn', `${orphaned.length} media file(s) missing`, `${orphaned.slice(0, 5).join(', ')} describe files that are gone. Import them again.`));
  return checks;
}

function gpuChecks(gpu: GpuInfo | undefined): DoctorCheck[] {
  if (!gpu) return [check('gpu', 'ok', 'GPU / WebGL: not checked here', 'Only the desktop app can read GPU and WebGL status: run its Health check (teacher console).')];
  const webgl = gpu.featureStatus.webgl ?? gpu.featureStatus.webgl2 ?? 'unknown';
  const good = webgl.startsWith('enabled');
  return [
    check('gpu', good ? 'ok' : 'warn', `WebGL: ${webgl}`, good ? undefined : 'The 3D demos need WebGL: update the graphics driver.'),
    ...gpu.devices.map((d) => check('gpu', 'ok', `GPU: ${d}`)),
    check('gpu', 'ok', 'GPU features', Object.entries(gpu.featureStatus).map(([k, v]) => `${k}=${v}`).join(', ')),
  ];
}

const LABEL: Record<CheckStatus, string> = { ok: 'OK  ', warn: 'WARN', fail: 'FAIL' };

function formatReport(createdAt: string, root: string, checks: DoctorCheck[], broken: boolean): string {
  const fails = checks.filter((c) => c.status === 'fail').length;
  const warns = checks.filter((c) => c.status === 'warn').length;
  const lines = [
    'Kite Classroom health report (kite doctor) / 风筝课堂 设备检查报告',
    `Created: ${createdAt}   Computer: ${os.hostname()}   Data folder: ${root}`,
    `Result: ${broken ? 'BROKEN' : 'OK'}: ${fails} problem(s), ${warns} warning(s)`,
  ];
  let section = '';
  for (const c of checks) {
    if (c.section !== section) {
      section = c.section;
      lines.push('', `[${section}]`);
    }
    lines.push(`  ${LABEL[c.status]}  ${c.title}`);
    if (c.detail) lines.push(`        ${c.detail}`);
  }
  return lines.join('\n') + '\n';
}

function subdirs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

/** Save the report for a USB stick: Windows line endings on Windows, so Notepad shows it right. */
export function saveDoctorReport(report: DoctorReport, file: string, platform = process.platform): void {
  writeFileAtomic(path.resolve(file), platform === 'win32' ? report.text.replace(/\n/g, '\r\n') : report.text);
}
