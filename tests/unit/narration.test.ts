import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { createDispatcher } from '../../src/handlers/dispatch';
import { resolveAsset } from '../../src/handlers/routes/assets';
import { MAX_RECORDING_BYTES } from '../../src/shared/contract/narration';
import { KiteError } from '../../src/shared/errors';
import { LocalizedAudio } from '../../src/shared/pack';
import { message } from '../../src/shared/messages';
import { pack } from '../../src/cli/commands/pack';
import { buildFixturePack, writeFixtureFolder } from '../support/packs';
import { makeVoiceClip } from '../support/media';
import { tempDir } from '../support/temp';
import { createMicrophoneGate, microphoneAllowed } from '../../src/main/microphone';
import { narrationUrl, sentences } from '../../src/renderer/src/features/player/voice';

/**
 * The teacher's own narration recordings: kept in <data>/recordings/<sha256>.<ext>, named in the
 * database per pack version, lesson, step and language, served by the /recordings/ route.
 */

const PACK = 'org.example.voice-pack';
const KEY = { packId: PACK, packVersion: '1.0.0', lessonId: 'first-lesson', stepId: 'question', language: 'zh-CN' };

const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

async function coreWithPack(): Promise<{ core: Core; dir: string }> {
  const dir = tempDir('kite-narration-');
  const core = createCore({ dataDir: path.join(dir, 'data') });
  cores.push(core);
  await core.packs.install(await buildFixturePack(dir, { id: PACK }), { trustConfirmed: true });
  return { core, dir };
}

const recordingFiles = (core: Core) => fs.readdirSync(core.layout.recordings).sort();

function refused(work: () => unknown): KiteError {
  try {
    work();
  } catch (error) {
    if (error instanceof KiteError) return error;
    throw error;
  }
  throw new Error('expected a KiteError');
}

describe('narration recordings', () => {
  it('keeps a recording as <sha256>.webm, names it for the lesson, and serves it as audio/webm through the asset route', async () => {
    const { core, dir } = await coreWithPack();
    const clip = makeVoiceClip(path.join(dir, 'a.webm'));
    const saved = core.narration.save(KEY, { type: 'audio/webm;codecs=opus', audio: clip, durationMs: 1000 });
    expect(saved).toMatchObject({ stepId: 'question', language: 'zh-CN', type: 'audio/webm', bytes: clip.length, durationMs: 1000 });
    expect(saved.url).toMatch(/^\/recordings\/[a-f0-9]{64}\.webm$/);
    expect(recordingFiles(core)).toEqual([saved.url.slice('/recordings/'.length)]);
    expect(core.narration.forLesson(PACK, '1.0.0', 'first-lesson')).toEqual([saved]);
    expect(core.narration.forLesson(PACK, '2.0.0', 'first-lesson')).toEqual([]);

    const served = resolveAsset(core, saved.url);
    expect(served.headers?.['Content-Type']).toBe('audio/webm');
    expect(fs.readFileSync(served.file as string).equals(clip)).toBe(true);
    // Nothing else below recordings/ is served: not a made-up name, not a path out.
    for (const bad of ['/recordings/../kite.db', `/recordings/${'a'.repeat(64)}.webm`, '/recordings/x.html']) expect(resolveAsset(core, bad)).toEqual({ claimed: true, file: undefined, headers: undefined });
  });

  it('keeps Ogg Opus and AAC (m4a) too, each with its own media type', async () => {
    const { core, dir } = await coreWithPack();
    const ogg = core.narration.save(KEY, { type: 'audio/ogg;codecs=opus', audio: makeVoiceClip(path.join(dir, 'a.ogg')), durationMs: 1000 });
    const aac = core.narration.save({ ...KEY, language: 'en' }, { type: 'audio/mp4', audio: makeVoiceClip(path.join(dir, 'a.m4a')), durationMs: 1000 });
    expect(resolveAsset(core, ogg.url).headers?.['Content-Type']).toBe('audio/ogg');
    expect(resolveAsset(core, aac.url).headers?.['Content-Type']).toBe('audio/mp4');
    expect(aac.url).toMatch(/\.m4a$/);
  });

  it('refuses a clip over the size limit with a clear error in both languages, and keeps the one before', async () => {
    const { core, dir } = await coreWithPack();
    const before = core.narration.save(KEY, { type: 'audio/webm', audio: makeVoiceClip(path.join(dir, 'a.webm')), durationMs: 1000 });
    const big = Buffer.concat([makeVoiceClip(path.join(dir, 'b.webm'), { frequency: 300 }), Buffer.alloc(MAX_RECORDING_BYTES)]);
    const error = refused(() => core.narration.save(KEY, { type: 'audio/webm', audio: big, durationMs: 1000 }));
    expect(error.code).toBe('recording_too_large');
    expect(message('en', 'errors.recording_too_large', error.details)).toContain(`at most ${MAX_RECORDING_BYTES / 1000} KB`);
    expect(message('zh-CN', 'errors.recording_too_large', error.details)).toContain('录音太长了');
    expect(core.narration.forLesson(PACK, '1.0.0', 'first-lesson')).toEqual([before]);
    expect(recordingFiles(core)).toHaveLength(1);
  });

  it('refuses what is not WebM, Ogg or MP4 audio, or claims one type and is another, and writes nothing', async () => {
    const { core, dir } = await coreWithPack();
    const webm = makeVoiceClip(path.join(dir, 'a.webm'));
    const cases: [string, Buffer][] = [
      ['audio/wav', Buffer.from('RIFF....WAVEfmt ')],
      ['text/html', Buffer.from('<script>alert(1)</script>')],
      ['audio/webm', Buffer.from('<script>alert(1)</script>')],
      ['audio/ogg', webm],
      ['video/webm', webm],
    ];
    for (const [type, audio] of cases) expect(refused(() => core.narration.save(KEY, { type, audio, durationMs: 500 })).code, type).toBe('recording_bad_type');
    expect(recordingFiles(core)).toEqual([]);
    expect(core.narration.forLesson(PACK, '1.0.0', 'first-lesson')).toEqual([]);
  });

  it('refuses a pack version, lesson or step that is not installed', async () => {
    const { core, dir } = await coreWithPack();
    const audio = makeVoiceClip(path.join(dir, 'a.webm'));
    for (const key of [{ ...KEY, packVersion: '9.0.0' }, { ...KEY, lessonId: 'nope' }, { ...KEY, stepId: 'nope' }, { ...KEY, packId: 'org.example.none' }]) {
      expect(refused(() => core.narration.save(key, { type: 'audio/webm', audio, durationMs: 500 })).code).toBe('not_found');
    }
    expect(recordingFiles(core)).toEqual([]);
  });

  it('replaces a recording (the old file goes unless another step uses it) and deletes one', async () => {
    const { core, dir } = await coreWithPack();
    const first = makeVoiceClip(path.join(dir, 'a.webm'));
    const second = makeVoiceClip(path.join(dir, 'b.webm'), { frequency: 660 });
    const a = core.narration.save(KEY, { type: 'audio/webm', audio: first, durationMs: 1000 });
    // The same voice for the slide too: one file, two names.
    core.narration.save({ ...KEY, stepId: 'hello' }, { type: 'audio/webm', audio: first, durationMs: 1000 });
    const b = core.narration.save(KEY, { type: 'audio/webm', audio: second, durationMs: 1000 });
    expect(b.url).not.toBe(a.url);
    expect(recordingFiles(core)).toHaveLength(2);
    expect(core.narration.remove({ ...KEY, stepId: 'hello' })).toBe(true);
    expect(recordingFiles(core)).toEqual([b.url.slice('/recordings/'.length)]);
    expect(core.narration.remove(KEY)).toBe(true);
    expect(core.narration.remove(KEY)).toBe(false);
    expect(recordingFiles(core)).toEqual([]);
    expect(core.narration.forLesson(PACK, '1.0.0', 'first-lesson')).toEqual([]);
  });

  it('writes atomically: no temp file is left, a file a crash left without its row is swept at the next start', async () => {
    const { core, dir } = await coreWithPack();
    const saved = core.narration.save(KEY, { type: 'audio/webm', audio: makeVoiceClip(path.join(dir, 'a.webm')), durationMs: 1000 });
    expect(recordingFiles(core).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // A power cut after the rename and before the row: a file nobody names, and a half-written temp file.
    const orphan = path.join(core.layout.recordings, `${'b'.repeat(64)}.webm`);
    const temp = path.join(core.layout.recordings, `.${'c'.repeat(64)}.webm.123.abcd.tmp`);
    for (const file of [orphan, temp]) {
      fs.writeFileSync(file, 'half');
      const old = new Date(Date.now() - 3600_000);
      fs.utimesSync(file, old, old);
    }
    core.close();
    cores.splice(0);
    const again = createCore({ dataDir: core.layout.root });
    cores.push(again);
    expect(recordingFiles(again)).toEqual([saved.url.slice('/recordings/'.length)]);
    expect(again.narration.forLesson(PACK, '1.0.0', 'first-lesson')).toEqual([saved]);
  });

  it('through the contract: only a teacher saves; lessons.get lists the recordings for the player', async () => {
    const { core, dir } = await coreWithPack();
    const dispatch = createDispatcher(core);
    const pupil = { session: core.sessions.create({ local: true }) };
    const teacher = { session: core.sessions.create({ local: true }) };
    core.sessions.setRole(teacher.session.id, 'teacher');
    const input = { ...KEY, type: 'audio/webm;codecs=opus', audio: makeVoiceClip(path.join(dir, 'a.webm')).toString('base64'), durationMs: 1000 };
    expect(await dispatch('narration.save', input, pupil)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const saved = await dispatch('narration.save', input, teacher);
    expect(saved.ok).toBe(true);
    const view = await dispatch('lessons.get', { packId: PACK, lessonId: 'first-lesson' }, pupil);
    expect(view).toMatchObject({ ok: true, result: { recordings: [{ stepId: 'question', language: 'zh-CN' }] } });
    // The browser host has no microphone to open: the browser asks the teacher itself.
    expect(await dispatch('narration.microphone', { on: true }, teacher)).toEqual({ ok: true, result: { supported: false } });
    expect(await dispatch('narration.delete', KEY, teacher)).toEqual({ ok: true, result: { deleted: true } });
  });
});



describe('kite pack build --recordings', () => {
  it("adds this PC's recordings of the pack version to the steps' narration, so the voice travels to another PC; the folder is left as it was", async () => {
    const { core, dir } = await coreWithPack();
    const zh = makeVoiceClip(path.join(dir, 'zh.webm'));
    const en = makeVoiceClip(path.join(dir, 'en.m4a'), { frequency: 550 });
    core.narration.save(KEY, { type: 'audio/webm;codecs=opus', audio: zh, durationMs: 1000 });
    core.narration.save({ ...KEY, stepId: 'hello', language: 'en' }, { type: 'audio/mp4', audio: en, durationMs: 1000 });
    const dataDir = core.layout.root;
    core.close();
    cores.splice(0);

    const folder = writeFixtureFolder(dir, { id: PACK });
    const lessonBefore = fs.readFileSync(path.join(folder, 'lessons/first-lesson.json'), 'utf8');
    const out = path.join(dir, 'with-voice.kpack');
    expect(await pack.run(['build', folder, '-o', out, '--recordings', '--data', dataDir])).toBe(0);
    expect(fs.readFileSync(path.join(folder, 'lessons/first-lesson.json'), 'utf8')).toBe(lessonBefore);
    expect(fs.existsSync(path.join(folder, 'media/narration'))).toBe(false);

    // Another PC installs it: the pupil's player finds the recordings as the pack's own narration.
    const other = createCore({ dataDir: path.join(dir, 'other-pc') });
    cores.push(other);
    await other.packs.install(out, { trustConfirmed: true });
    const view = other.packs.lesson(PACK, 'first-lesson');
    const [slide, question] = view.lesson.steps;
    expect(question && 'narration' in question && question.narration).toEqual({ 'zh-CN': 'media/narration/first-lesson/question.zh-CN.webm' });
    expect(slide && 'narration' in slide && slide.narration).toEqual({ en: 'media/narration/first-lesson/hello.en.m4a' });
    const installed = other.packs.installedDir(PACK, '1.0.0') as string;
    expect(fs.readFileSync(path.join(installed, 'media/narration/first-lesson/question.zh-CN.webm')).equals(zh)).toBe(true);
    expect(resolveAsset(other, `${view.assetBase}media/narration/first-lesson/hello.en.m4a`).headers?.['Content-Type']).toBe('audio/mp4');
  });

  it('without --recordings builds the folder as it is, and a new version gets no recordings of the old one', async () => {
    const { core, dir } = await coreWithPack();
    core.narration.save(KEY, { type: 'audio/webm', audio: makeVoiceClip(path.join(dir, 'zh.webm')), durationMs: 1000 });
    const dataDir = core.layout.root;
    core.close();
    cores.splice(0);
    for (const [version, args] of [['1.0.0', []], ['1.1.0', ['--recordings', '--data', dataDir]]] as const) {
      const out = path.join(dir, `${version}.kpack`);
      expect(await pack.run(['build', writeFixtureFolder(dir, { id: PACK, version }), '-o', out, ...args])).toBe(0);
      const other = createCore({ dataDir: path.join(dir, `pc-${version}`) });
      cores.push(other);
      await other.packs.install(out, { trustConfirmed: true });
      expect(other.packs.lesson(PACK, 'first-lesson').lesson.steps.some((s) => 'narration' in s && s.narration), version).toBe(false);
    }
  });
});

describe('the pack format', () => {
  it("accepts .webm narration (a recorder's Opus) beside mp3, ogg, m4a and wav, and nothing else", () => {
    for (const file of ['a.webm', 'a.mp3', 'a.ogg', 'a.m4a', 'a.wav']) expect(LocalizedAudio.safeParse({ en: `media/${file}` }).success, file).toBe(true);
    for (const file of ['a.html', 'a.mp4', 'a.svg']) expect(LocalizedAudio.safeParse({ en: `media/${file}` }).success, file).toBe(false);
  });
});

describe('which voice reads a step in the player', () => {
  const env = { language: 'zh-CN', assetBase: '/packs/p/1.0.0/', recordings: { 'question:zh-CN': '/recordings/abc.webm' } };
  it("plays the teacher's recording, else the pack's narration, else leaves it to speech synthesis", () => {
    expect(narrationUrl(env, 'question', { 'zh-CN': 'media/q.mp3' })).toBe('/recordings/abc.webm');
    expect(narrationUrl(env, 'hello', { 'zh-CN': 'media/h.mp3' })).toBe('/packs/p/1.0.0/media/h.mp3');
    expect(narrationUrl({ ...env, language: 'en' }, 'question', { 'zh-CN': 'media/q.mp3' })).toBeUndefined();
    expect(narrationUrl(env, undefined, undefined)).toBeUndefined();
  });

  it('reads a slide title and its text as two sentences, without a stray full stop after "！"', () => {
    expect(sentences(['你好，好帮手！', '这是电脑。'])).toBe('你好，好帮手！ 这是电脑。');
    expect(sentences(['Hello', 'This is a computer.'])).toBe('Hello. This is a computer.');
    expect(sentences(['', 'Only text'])).toBe('Only text');
  });
});

describe('the desktop shell\'s microphone gate', () => {
  it('opens for sound only, closes on "off", and closes by itself after the longest recording', async () => {
    const gate = createMicrophoneGate(50);
    expect(microphoneAllowed(gate, ['audio'])).toBe(false);
    gate.set(true);
    expect(microphoneAllowed(gate, ['audio'])).toBe(true);
    expect(microphoneAllowed(gate, ['audio', 'video'])).toBe(false);
    expect(microphoneAllowed(gate, [])).toBe(false);
    gate.set(false);
    expect(gate.isOpen()).toBe(false);
    gate.set(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(gate.isOpen()).toBe(false);
  });
});
