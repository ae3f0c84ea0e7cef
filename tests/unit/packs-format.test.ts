import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPack, formatIssue, type Lesson, type Step } from '../../src/shared/pack';
import { packJsonSchemas, serializeSchema } from '../../src/shared/pack/json-schema';
import { compareVersions } from '../../src/core/packs/semver';
import { unsafeEntryName } from '../../src/core/packs/unzip';
import { generateKeyPair, parsePublicKey, signManifest, verifyManifest } from '../../src/core/packs/signing';
import { fixtureLesson } from '../support/packs';

const ROOT = path.join(__dirname, '../..');

function manifestFor(lessons: Lesson[], files = ['media/cover.svg']) {
  return {
    format: 1,
    id: 'org.example.check',
    version: '1.0.0',
    title: { 'zh-CN': '检查', en: 'Check' },
    description: { 'zh-CN': '检查', en: 'Check' },
    languages: ['zh-CN', 'en'],
    grades: { from: 1, to: 6 },
    subjects: [],
    license: 'MIT',
    authors: [{ name: 'Tests' }],
    minAppVersion: '0.1.0',
    lessons: lessons.map((l) => ({ id: l.id, file: `lessons/${l.id}.json` })),
    files: [...files, ...lessons.map((l) => `lessons/${l.id}.json`)].map((p) => ({ path: p, size: 1, sha256: 'a'.repeat(64) })),
  };
}

function issuesFor(steps: Step[]): string[] {
  const lesson = fixtureLesson('checked', { steps });
  return checkPack(manifestFor([lesson]), new Map([['lessons/checked.json', lesson]])).issues.map(formatIssue);
}

const t = (zh: string, en?: string): Record<string, string> => (en === undefined ? { 'zh-CN': zh } : { 'zh-CN': zh, en });

describe('pack cross-reference checks', () => {
  it('accepts the fixture lesson', () => {
    expect(issuesFor(fixtureLesson('x').steps)).toEqual([]);
  });

  it('finds answers, bins, blanks, chat nodes and options that do not resolve, and missing languages', () => {
    const issues = issuesFor([
      { type: 'single-choice', id: 'a', prompt: t('问', 'Q'), options: [{ id: 'x', text: t('甲', 'A') }, { id: 'x', text: t('乙') }], answer: 'z' },
      { type: 'multiple-choice', id: 'b', prompt: t('问', 'Q'), options: [{ id: 'x', text: t('甲', 'A') }, { id: 'y', text: t('乙', 'B') }], answers: ['y', 'w'] },
      { type: 'sort-bins', id: 'c', prompt: t('分', 'Sort'), bins: [{ id: 'safe', label: t('安全', 'Safe') }, { id: 'risky', label: t('危险', 'Risky') }], items: [{ id: 'i1', text: t('一', 'One'), bin: 'safe' }, { id: 'i2', text: t('二', 'Two'), bin: 'unknown' }] },
      {
        type: 'fill-blanks',
        id: 'd',
        prompt: t('填', 'Fill'),
        sentence: { 'zh-CN': '不要告诉别人[[b1]]。', en: 'Never tell anyone your [[b2]].' },
        blanks: [{ id: 'b1', answer: 'pw' }, { id: 'b2', answer: 'nope' }],
        bank: [{ id: 'pw', text: t('密码', 'password') }, { id: 'name', text: t('名字', 'name') }],
      },
      { type: 'mark-words', id: 'e', prompt: t('点', 'Tap'), words: { 'zh-CN': [{ text: '你' }, { text: '好' }] } },
      {
        type: 'chat-scenario',
        id: 'f',
        prompt: t('聊', 'Chat'),
        contact: { name: t('小明', 'Ming') },
        start: 'begin',
        nodes: { hello: { messages: [{ from: 'them', text: t('你好', 'Hi') }], choices: [{ text: t('好', 'OK'), next: 'gone' }] } },
      },
      { type: 'slide', id: 'a', text: t('只有中文') },
    ]);
    const expected = [
      'lessons/checked.json#/steps/0/options/1/id: id "x" is used twice',
      'lessons/checked.json#/steps/0/answer: "z" is not one of the options',
      'lessons/checked.json#/steps/1/answers/1: "w" is not one of the options',
      'lessons/checked.json#/steps/2/items/1/bin: "unknown" is not one of the bins',
      'lessons/checked.json#/steps/3/sentence/en: does not contain the placeholder [[b1]]',
      'lessons/checked.json#/steps/3/blanks/1/answer: "nope" is not a word of the bank',
      'lessons/checked.json#/steps/3/sentence/zh-CN: does not contain the placeholder [[b2]]',
      'lessons/checked.json#/steps/4/words: has no en words',
      'lessons/checked.json#/steps/4/words/zh-CN: no word is marked as a target',
      'lessons/checked.json#/steps/5/start: "begin" is not one of the nodes',
      'lessons/checked.json#/steps/5/nodes/hello/choices/0/next: "gone" is not one of the nodes',
      'lessons/checked.json#/steps/6/id: step id "a" is used twice in this lesson',
      'lessons/checked.json#/steps/0/options/1/text: has no en text (the pack lists zh-CN, en)',
      'lessons/checked.json#/steps/6/text: has no en text (the pack lists zh-CN, en)',
    ];
    expect(issues.sort()).toEqual(expected.sort());
  });

  it('checks media paths against the manifest and lesson files against the manifest list', () => {
    const lesson = fixtureLesson('pics', { cover: { src: 'media/missing.png', alt: t('图', 'Picture') } });
    const result = checkPack(manifestFor([lesson]), new Map());
    expect(result.issues.map(formatIssue)).toEqual(['lessons/pics.json: the lesson file is missing']);
    const withFile = checkPack(manifestFor([lesson]), new Map([['lessons/pics.json', lesson]]));
    expect(withFile.issues.map(formatIssue)).toEqual(['lessons/pics.json#/cover/src: "media/missing.png" is not a file of the pack']);
  });

  it('accepts a curriculum mapping and a family card, and names what is wrong with them', () => {
    const card = { rule: t('{密码|mì mǎ}{不|bù}{告诉|gào su}{别人|bié rén}', 'My password stays mine'), atHome: t('{和|hé}{家人|jiā rén}{说一说|shuō yi shuō}', 'Talk about it at home'), picture: { src: 'media/cover.svg', alt: t('图', 'Picture') } };
    const good = fixtureLesson('mapped', { curriculum: { standard: 'cn-ict-2022', gradeBand: '1-2', strands: ['security.privacy', 'digital-identity'] }, familyCard: card });
    expect(checkPack(manifestFor([good]), new Map([['lessons/mapped.json', good]])).issues).toEqual([]);
    // Without both is still a valid lesson: other publishers need not map to this standard.
    const plain = fixtureLesson('plain');
    expect(checkPack(manifestFor([plain]), new Map([['lessons/plain.json', plain]])).issues).toEqual([]);

    const bad = { ...good, curriculum: { standard: 'cn-ict-2022', gradeBand: '1-3', strands: ['security.privacy', 'security.privacy', 'cooking'] }, familyCard: { rule: t('规则'), picture: { src: 'media/gone.svg', alt: t('图', 'Picture') } } };
    const issues = checkPack(manifestFor([good]), new Map([['lessons/mapped.json', bad]])).issues.map(formatIssue).join('\n');
    expect(issues).toMatch(/#\/curriculum\/gradeBand/);
    expect(issues).toMatch(/#\/curriculum\/strands\/2/);
    expect(issues).toMatch(/#\/familyCard\/atHome/);
    const english = { ...good, familyCard: { ...card, rule: t('{规则|guī zé}') } };
    expect(checkPack(manifestFor([good]), new Map([['lessons/mapped.json', english]])).issues.map(formatIssue)).toEqual(['lessons/mapped.json#/familyCard/rule: has no en text (the pack lists zh-CN, en)']);
    const duplicate = { ...good, curriculum: { ...good.curriculum, strands: ['data', 'data'] } };
    expect(checkPack(manifestFor([good]), new Map([['lessons/mapped.json', duplicate]])).issues.map(formatIssue).join()).toMatch(/strands must not repeat/);
    const missingPicture = { ...good, familyCard: { ...card, picture: { src: 'media/gone.svg', alt: t('图', 'Picture') } } };
    expect(checkPack(manifestFor([good]), new Map([['lessons/mapped.json', missingPicture]])).issues.map(formatIssue)).toEqual(['lessons/mapped.json#/familyCard/picture/src: "media/gone.svg" is not a file of the pack']);
  });

  it('checks the activities inside interactive-video cues', () => {
    const issues = issuesFor([
      {
        type: 'interactive-video',
        id: 'v',
        prompt: t('看', 'Watch'),
        video: 'media/cover.svg.mp4',
        cues: [{ at: 3, activity: { type: 'true-false', id: 'tf', prompt: t('对吗', 'True?'), answer: true } }, { at: 5, activity: { type: 'single-choice', id: 'sc', prompt: t('问', 'Q'), options: [{ id: 'a', text: t('甲', 'A') }, { id: 'b', text: t('乙', 'B') }], answer: 'c' } }],
      },
    ]);
    expect(issues).toEqual([
      'lessons/checked.json#/steps/0/video: "media/cover.svg.mp4" is not a file of the pack',
      'lessons/checked.json#/steps/0/cues/1/activity/answer: "c" is not one of the options',
    ]);
  });
});

describe('the pack format helpers', () => {
  it('orders versions as semver does', () => {
    expect(['1.10.0', '1.2.0', '1.2.0-beta.2', '1.2.0-beta.10', '0.9.9', '1.2.0-alpha'].sort(compareVersions)).toEqual(['0.9.9', '1.2.0-alpha', '1.2.0-beta.2', '1.2.0-beta.10', '1.2.0', '1.10.0']);
  });

  it('names why a zip entry name is unsafe', () => {
    expect(unsafeEntryName('media/a.png')).toBeUndefined();
    expect(unsafeEntryName('media/')).toBeUndefined();
    expect(unsafeEntryName('../a')).toMatch(/\.\./);
    expect(unsafeEntryName('media/../../a')).toMatch(/\.\./);
    expect(unsafeEntryName('/etc/passwd')).toMatch(/absolute/);
    expect(unsafeEntryName('C:/x')).toMatch(/drive letter/);
    expect(unsafeEntryName('c:x')).toMatch(/drive letter/);
    expect(unsafeEntryName('media\\a.png')).toMatch(/backslash/);
    expect(unsafeEntryName('media//a.png')).toMatch(/empty/);
    expect(unsafeEntryName('media/a\u0000.png')).toMatch(/control/);
  });

  it('signs and verifies the exact manifest bytes with Ed25519', () => {
    const { privateKeyPem, publicKey } = generateKeyPair();
    const bytes = Buffer.from('{"id":"org.example.x"}\n');
    const signature = signManifest(bytes, privateKeyPem);
    expect(signature.keyId).toBe(publicKey.keyId);
    expect(verifyManifest(bytes, signature, publicKey)).toBe(true);
    expect(verifyManifest(Buffer.from('{"id":"org.example.x"} \n'), signature, publicKey)).toBe(false);
    expect(verifyManifest(bytes, signature, generateKeyPair().publicKey)).toBe(false);
    expect(parsePublicKey(publicKey.publicKey)).toEqual(publicKey);
    expect(() => parsePublicKey('not a key')).toThrow();
  });

  it('has committed JSON Schema files that match the zod source (run `npm run schemas` after changing it)', () => {
    for (const [name, schema] of Object.entries(packJsonSchemas())) {
      const file = path.join(ROOT, 'schemas', name);
      expect(fs.existsSync(file), `schemas/${name} is missing`).toBe(true);
      expect(fs.readFileSync(file, 'utf8'), `schemas/${name} is out of date: run npm run schemas`).toBe(serializeSchema(schema));
    }
  });
});
