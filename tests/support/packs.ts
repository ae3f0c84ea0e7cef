import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { generateKeyPair, signManifest } from '../../src/core/packs/signing';
import { buildPack } from '../../src/core/packs/build';
import { extractPack } from '../../src/core/packs/unzip';
import { tempDir } from './temp';
import type { Lesson, Step } from '../../src/shared/pack';

/**
 * Lesson packs for tests: a real authoring folder and a real .kpack, built with the app's own
 * builder, or, for the hostile variants, written entry by entry with yazl.
 *
 *   const file = await buildFixturePack(dir, { lessons: [fixtureLesson('first-steps')] });
 *   const evil = await buildFixturePack(dir, { hostile: 'zip-slip' });
 */

export type HostileVariant =
  | 'zip-slip'
  | 'absolute-path'
  | 'drive-letter'
  | 'backslash'
  | 'symlink'
  | 'duplicate'
  | 'bomb'
  | 'lying-sizes'
  | 'truncated'
  | 'not-zip'
  | 'manifest-not-json'
  | 'manifest-too-large'
  | 'manifest-schema'
  | 'missing-asset'
  | 'hash-mismatch'
  | 'size-mismatch'
  | 'unlisted-file'
  | 'bad-signature'
  | 'newer-app'
  | 'lesson-not-json'
  | 'lesson-too-large'
  | 'signature-damaged'
  /** The pack as built, plus `extraEntry` (a name the builder would refuse: media/page.html, media/CON.png…). */
  | 'extra-entry';

export interface FixturePackOptions {
  id?: string;
  version?: string;
  title?: Record<string, string>;
  languages?: string[];
  minAppVersion?: string;
  /** Default: one lesson, `first-lesson`, with a slide and a question. */
  lessons?: Lesson[];
  /** Extra files under media/ (path relative to the pack, e.g. media/big.mp4; only types packs may hold). */
  media?: Record<string, Buffer | string>;
  /** Sign with this Ed25519 private key (PEM), e.g. from fixtureKeys(). */
  signWith?: string;
  hostile?: HostileVariant;
  /** With hostile 'extra-entry': the entry added to the zip (listed in the manifest unless unlisted). */
  extraEntry?: { name: string; data: Buffer | string };
  /** Output file name (default <id>-<version>.kpack, or <hostile>.kpack). */
  fileName?: string;
}

export const COVER_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 90"><rect width="160" height="90" fill="#8ecae6"/><path d="M80 20 L110 45 L80 70 L50 45 Z" fill="#fb8500"/></svg>\n';

/** A small valid lesson in zh-CN and en; pass steps to test the player's activities. */
export function fixtureLesson(id: string, overrides: Partial<Lesson> = {}): Lesson {
  const steps: Step[] = [
    { type: 'slide', id: 'hello', title: { 'zh-CN': '你好', en: 'Hello' }, text: { 'zh-CN': '{网络|wǎng luò}连接着世界。', en: 'The *internet* connects the world.' }, image: { src: 'media/cover.svg', alt: { 'zh-CN': '风筝', en: 'A kite' } } },
    {
      type: 'single-choice',
      id: 'question',
      prompt: { 'zh-CN': '陌生人要你的密码，你怎么办？', en: 'A stranger asks for your password. What do you do?' },
      options: [
        { id: 'tell', text: { 'zh-CN': '告诉他', en: 'Tell them' } },
        { id: 'ask-adult', text: { 'zh-CN': '告诉老师或家长', en: 'Tell a teacher or parent' } },
      ],
      answer: 'ask-adult',
    },
  ];
  return {
    format: 1,
    id,
    title: { 'zh-CN': `课程 ${id}`, en: `Lesson ${id}` },
    grades: { from: 1, to: 3 },
    minutes: 10,
    cover: { src: 'media/cover.svg', alt: { 'zh-CN': '风筝', en: 'A kite' } },
    steps,
    ...overrides,
  };
}

let cachedKeys: ReturnType<typeof generateKeyPair> | undefined;
/** One test key pair per run: `trust.add('Test publisher', keys.publicKey.publicKey)`. */
export function fixtureKeys(): ReturnType<typeof generateKeyPair> {
  cachedKeys ??= generateKeyPair();
  return cachedKeys;
}

/** Write the authoring folder (manifest without files, lessons/, media/) and return its path. */
export function writeFixtureFolder(dir: string, options: FixturePackOptions = {}): string {
  const id = options.id ?? 'org.example.test-pack';
  const version = options.version ?? '1.0.0';
  const languages = options.languages ?? ['zh-CN', 'en'];
  const lessons = options.lessons ?? [fixtureLesson('first-lesson')];
  const folder = path.join(dir, `${id}-${version}-${crypto.randomBytes(3).toString('hex')}`);
  fs.mkdirSync(path.join(folder, 'lessons'), { recursive: true });
  fs.mkdirSync(path.join(folder, 'media'), { recursive: true });
  const manifest = {
    format: 1,
    id,
    version,
    title: options.title ?? { 'zh-CN': '测试课程包', en: 'Test pack' },
    description: { 'zh-CN': '用于测试的课程包。', en: 'A pack for tests.' },
    languages,
    grades: { from: 1, to: 6 },
    subjects: ['internet-safety'],
    license: 'CC-BY-4.0',
    authors: [{ name: 'Kite tests' }],
    minAppVersion: options.minAppVersion ?? '0.1.0',
    lessons: lessons.map((l) => ({ id: l.id, file: `lessons/${l.id}.json` })),
  };
  fs.writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
  for (const lesson of lessons) fs.writeFileSync(path.join(folder, 'lessons', `${lesson.id}.json`), JSON.stringify(lesson, null, 2));
  fs.writeFileSync(path.join(folder, 'media', 'cover.svg'), COVER_SVG);
  for (const [name, content] of Object.entries(options.media ?? {})) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), content);
  }
  return folder;
}

/** Build a .kpack in `dir` and return its path. */
export async function buildFixturePack(dir: string, options: FixturePackOptions = {}): Promise<string> {
  const version = options.version ?? '1.0.0';
  const out = path.join(dir, options.fileName ?? (options.hostile ? `${options.hostile}.kpack` : `${options.id ?? 'org.example.test-pack'}-${version}.kpack`));
  const hostile = options.hostile;
  if (!hostile) {
    await buildPack(writeFixtureFolder(dir, options), out, { privateKeyPem: options.signWith });
    return out;
  }
  if (hostile === 'not-zip') {
    fs.writeFileSync(out, 'This is a note about lessons, not a zip file.\n'.repeat(50));
    return out;
  }
  if (hostile === 'newer-app') return buildFixturePack(dir, { ...options, hostile: undefined, minAppVersion: '99.0.0', fileName: path.basename(out) });
  if (hostile === 'truncated') {
    const whole = await buildFixturePack(dir, { ...options, hostile: undefined, fileName: `whole-${path.basename(out)}`, media: { 'media/filler.mp4': crypto.randomBytes(64 * 1024) } });
    const bytes = fs.readFileSync(whole);
    fs.writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length / 2)));
    return out;
  }
  return writeRawPack(dir, out, options, hostile);
}

export interface RawEntry {
  name: string;
  data: Buffer;
  compress?: boolean;
  mode?: number;
}

/** The pack's entries as the builder would make them, then broken the way `hostile` says. */
async function writeRawPack(dir: string, out: string, options: FixturePackOptions, hostile: HostileVariant): Promise<string> {
  const folder = writeFixtureFolder(dir, options);
  const lessons = options.lessons ?? [fixtureLesson('first-lesson')];
  if (hostile === 'missing-asset') {
    const lesson = lessons[0] as Lesson;
    lessons[0] = { ...lesson, cover: { src: 'media/not-there.png', alt: { 'zh-CN': '不存在', en: 'Missing' } } };
    fs.writeFileSync(path.join(folder, 'lessons', `${lesson.id}.json`), JSON.stringify(lessons[0], null, 2));
  }
  const firstLessonFile = path.join(folder, 'lessons', `${lessons[0]!.id}.json`);
  if (hostile === 'lesson-not-json') fs.writeFileSync(firstLessonFile, '{ "format": 1, "steps": [');
  // Valid JSON, but over the 2 MB a lesson file may be (random text: it must not look like a zip bomb).
  if (hostile === 'lesson-too-large') fs.writeFileSync(firstLessonFile, JSON.stringify({ ...lessons[0], padding: crypto.randomBytes(1_600_000).toString('base64') }));
  const entries: RawEntry[] = [];
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(folder, rel)).sort()) {
      const childRel = `${rel}/${name}`;
      const abs = path.join(folder, childRel);
      if (fs.statSync(abs).isDirectory()) walk(childRel);
      else entries.push({ name: childRel, data: fs.readFileSync(abs) });
    }
  };
  walk('lessons');
  walk('media');
  if (hostile === 'extra-entry' && options.extraEntry) entries.push({ name: options.extraEntry.name, data: Buffer.from(options.extraEntry.data) });
  if (hostile === 'bomb' || hostile === 'lying-sizes') entries.push({ name: 'media/zeros.wav', data: Buffer.alloc(64 * 2 ** 20), compress: true });

  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  manifest.files = entries.map((e) => ({ path: e.name, size: e.data.length, sha256: crypto.createHash('sha256').update(e.data).digest('hex') }));
  if (hostile === 'manifest-schema') manifest.version = 'one point oh';
  let manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  if (hostile === 'manifest-not-json') manifestBytes = Buffer.from('{ "format": 1, "id": "org.example.broken", ');
  if (hostile === 'manifest-too-large') manifestBytes = Buffer.from(JSON.stringify({ ...manifest, padding: 'x'.repeat(2 * 2 ** 20) }));

  const front: RawEntry[] = [{ name: 'manifest.json', data: manifestBytes }];
  if (options.signWith || hostile === 'bad-signature') {
    const key = options.signWith ?? fixtureKeys().privateKeyPem;
    front.push({ name: 'signature.json', data: Buffer.from(JSON.stringify(signManifest(manifestBytes, key))) });
    // Changed after signing: the title, as someone passing the stick along might.
    if (hostile === 'bad-signature') front[0] = { name: 'manifest.json', data: Buffer.from(JSON.stringify({ ...manifest, title: { 'zh-CN': '改过的', en: 'Changed' } }, null, 2)) };
  }
  if (hostile === 'signature-damaged') front.push({ name: 'signature.json', data: Buffer.from('{"algorithm": "ed25519", "keyId": ') });
  const all = [...front, ...entries];
  const cover = all.find((e) => e.name === 'media/cover.svg') as RawEntry;
  switch (hostile) {
    case 'zip-slip':
      all.push({ name: '../../evil.txt', data: Buffer.from('escaped') });
      break;
    case 'absolute-path':
      all.push({ name: '/tmp/evil.txt', data: Buffer.from('escaped') });
      break;
    case 'drive-letter':
      all.push({ name: 'C:/Windows/evil.txt', data: Buffer.from('escaped') });
      break;
    case 'backslash':
      all.push({ name: 'media\\..\\..\\evil.txt', data: Buffer.from('escaped') });
      break;
    case 'symlink':
      all.push({ name: 'media/link.svg', data: Buffer.from('/etc/passwd'), mode: 0o120777 });
      break;
    case 'duplicate':
      all.push({ name: 'media/cover.svg', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
      break;
    case 'hash-mismatch':
      cover.data = Buffer.from(cover.data.toString().replace('#fb8500', '#000000'));
      break;
    case 'size-mismatch':
      cover.data = Buffer.concat([cover.data, Buffer.from('<!-- extra -->')]);
      break;
    case 'unlisted-file':
      all.push({ name: 'media/extra.png', data: Buffer.from('not in the manifest') });
      break;
    default:
      break;
  }
  await writeZip(out, all);
  if (hostile === 'lying-sizes') lieAboutSizes(out);
  return out;
}

/** yazl refuses unsafe names (rightly): write a same-length stand-in, then put the real name into the bytes. */
export async function writeZip(out: string, entries: RawEntry[]): Promise<void> {
  const zip = new yazl.ZipFile();
  const renames: [Buffer, Buffer][] = [];
  entries.forEach((e, i) => {
    let name = e.name;
    if (/\\|^\/|^[A-Za-z]:|(^|\/)\.\.(\/|$)/.test(name)) {
      name = `q${i}`.padEnd(Buffer.byteLength(e.name), 'q');
      renames.push([Buffer.from(name), Buffer.from(e.name)]);
    }
    if (name.endsWith('/')) zip.addEmptyDirectory(name, { mtime: new Date('2026-01-01T00:00:00Z') });
    else zip.addBuffer(e.data, name, { compress: e.compress ?? true, mode: e.mode, mtime: new Date('2026-01-01T00:00:00Z') });
  });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(out)).on('close', () => resolve()).on('error', reject);
  });
  if (renames.length === 0) return;
  const bytes = fs.readFileSync(out);
  for (const [from, to] of renames) {
    for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + 1)) to.copy(bytes, at);
  }
  fs.writeFileSync(out, bytes);
}

/** Rewrite every header to claim 1000 bytes unpacked: the importer must count, not believe. */
function lieAboutSizes(file: string): void {
  const bytes = fs.readFileSync(file);
  for (let i = 0; i + 46 <= bytes.length; i++) {
    const signature = bytes.readUInt32LE(i);
    if (signature === 0x02014b50 && bytes.readUInt32LE(i + 24) > 1000) bytes.writeUInt32LE(1000, i + 24);
    else if (signature === 0x04034b50 && bytes.readUInt32LE(i + 22) > 1000) bytes.writeUInt32LE(1000, i + 22);
  }
  fs.writeFileSync(file, bytes);
}

/** Why extractPack refuses a pack (its KiteError); a pack it accepts fails the test. */
export async function unzipRefusal(file: string, options: Parameters<typeof extractPack>[2] = {}, staging = tempDir()): Promise<{ code?: string; message: string; details?: unknown }> {
  const error = await extractPack(file, staging, options).then(
    () => undefined,
    (e: unknown) => e as { code?: string; message: string; details?: unknown },
  );
  if (!error) throw new Error('the pack was accepted');
  return error;
}
