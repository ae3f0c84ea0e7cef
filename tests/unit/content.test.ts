import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allProblems, badRuby, checkPackFolder, LIMITS, packFolders, svgProblems, unmarkedChinese } from '../../scripts/lib/lesson-content';
import { addPinyin } from '../../scripts/lib/pinyin-markup';
import { curriculumProblems } from '../../scripts/lib/curriculum';
import { CURRICULUM_GRADE_BANDS, CURRICULUM_STRANDS } from '../../src/shared/pack';
import { tempDir } from '../support/temp';

// The built-in curriculum: every pack folder under lessons/ must pass every content rule.
const folders = packFolders();

describe('built-in lesson packs', () => {
  it('has pack folders', () => {
    expect(folders.length).toBeGreaterThan(0);
  });

  describe.each(folders.map((f) => [path.basename(f), f]))('%s', (_name, folder) => {
    const pack = checkPackFolder(folder);

    it('has a valid manifest, media that exists and is self-contained, and no stray files', () => {
      expect(pack.problems).toEqual([]);
    });

    it.each(pack.lessons.map((l) => [l.id, l]))('lesson %s passes every content rule', (_id, lesson) => {
      // Schema (zod), ids resolve, media exist, both languages, teacher notes, step/minute/type limits.
      expect(lesson.problems).toEqual([]);
      expect(lesson.steps).toBeGreaterThanOrEqual(LIMITS.minSteps);
      expect(lesson.steps).toBeLessThanOrEqual(LIMITS.maxSteps);
      expect(lesson.activityTypes.length).toBeGreaterThanOrEqual(LIMITS.minActivityTypes);
      if (lesson.grades.from <= 2) expect(lesson.missingPinyin).toEqual([]);
      // Every built-in lesson says where it sits in the 2022 ICT standard and ends with a family card.
      expect(lesson.curriculum?.strands.length).toBeGreaterThan(0);
      expect(lesson.hasFamilyCard).toBe(true);
    });
  });
});

describe('content checks', () => {
  it('finds Chinese outside ruby markup and ignores marked, escaped and Latin text', () => {
    expect(unmarkedChinese('{电脑|diàn nǎo}和{平板|píng bǎn}')).toEqual(['和']);
    expect(unmarkedChinese('{上网|shàng wǎng}！*{好|hǎo}* OK 110')).toEqual([]);
    expect(unmarkedChinese('先问大人')).toEqual(['先问大人']);
  });

  it('rejects ruby whose syllables do not match its characters', () => {
    expect(badRuby('{电脑|diàn nǎo}')).toEqual([]);
    expect(badRuby('{电脑|diànnǎo}')[0]).toMatch(/1 syllables for 2 characters/);
    expect(badRuby('{电脑|dian4 nao3}')[0]).toMatch(/tone marks/);
    expect(badRuby('{Wi-Fi|wài fài}')[0]).toMatch(/no Chinese/);
  });

  it('proposes pinyin per word, from context, and keeps hand-written markup', () => {
    expect(addPinyin('电脑能上网。')).toBe('{电脑|diàn nǎo}{能|néng}{上网|shàng wǎng}。');
    expect(addPinyin('我长大了')).toContain('{长大|zhǎng dà}');
    expect(addPinyin('去银行')).toContain('{银行|yín háng}');
    // The author's reading wins over the machine's.
    expect(addPinyin('{行|háng}不{行|xíng}')).toBe('{行|háng}{不|bù}{行|xíng}');
    expect(unmarkedChinese(addPinyin('问*大人*，好吗？'))).toEqual([]);
  });

  it('flags unsafe SVG', () => {
    expect(svgProblems('<svg viewBox="0 0 1 1"><rect/></svg>')).toEqual([]);
    expect(svgProblems('<svg viewBox="0 0 1 1"><script>x()</script></svg>')).toContain('contains a <script>');
    expect(svgProblems('<svg viewBox="0 0 1 1"><image href="http://x/y.png"/></svg>').join()).toMatch(/outside files/);
    expect(svgProblems('<svg viewBox="0 0 1 1" onload="x()"></svg>')).toContain('contains an event handler attribute');
  });

  it('reports a broken pack: missing media, unknown answer, missing language and pinyin, too few steps', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'lessons'));
    fs.mkdirSync(path.join(dir, 'media'));
    const manifest = {
      format: 1,
      id: 'org.example.broken',
      version: '1.0.0',
      title: { 'zh-CN': '{坏|huài}', en: 'Broken' },
      description: { 'zh-CN': '{坏|huài}', en: 'Broken' },
      languages: ['zh-CN', 'en'],
      grades: { from: 1, to: 2 },
      subjects: [],
      license: 'CC-BY-4.0',
      authors: [{ name: 'Test' }],
      minAppVersion: '0.1.0',
      lessons: [{ id: 'one', file: 'lessons/one.json' }],
      files: [],
    };
    const lesson = {
      format: 1,
      id: 'one',
      title: { 'zh-CN': '第一课', en: 'One' },
      grades: { from: 1, to: 2 },
      minutes: 20,
      steps: [
        { type: 'slide', id: 's1', text: { 'zh-CN': '{你好|nǐ hǎo}' }, image: { src: 'media/gone.svg', alt: { 'zh-CN': '{图|tú}', en: 'Picture' } } },
        {
          type: 'single-choice',
          id: 'q1',
          prompt: { 'zh-CN': '{选|xuǎn}', en: 'Pick' },
          options: [
            { id: 'a', text: { 'zh-CN': '{是|shì}', en: 'Yes' } },
            { id: 'b', text: { 'zh-CN': '{不|bù}', en: 'No' } },
          ],
          answer: 'c',
        },
      ],
    };
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    fs.writeFileSync(path.join(dir, 'lessons', 'one.json'), JSON.stringify(lesson));
    fs.writeFileSync(path.join(dir, 'lessons', 'stray.json'), '{}');
    const problems = allProblems(checkPackFolder(dir)).join('\n');
    expect(problems).toMatch(/media\/gone\.svg, which is not in the pack/);
    expect(problems).toMatch(/answer "c" is not an option/);
    expect(problems).toMatch(/steps\[s1\]\.text lacks en/);
    expect(problems).toMatch(/title: Chinese without pinyin: 第一课/);
    expect(problems).toMatch(/has 2 steps/);
    expect(problems).toMatch(/uses 1 activity types/);
    expect(problems).toMatch(/has no teacher notes/);
    expect(problems).toMatch(/has no curriculum mapping/);
    expect(problems).toMatch(/has no family card/);
    expect(problems).toMatch(/lessons\/stray\.json: not listed/);
  });

  it('requires a curriculum mapping that fits the grades and a short family card with a picture', () => {
    const card = { rule: { 'zh-CN': '{先|xiān}{问|wèn}{大人|dà rén}', en: 'Ask an adult first.' }, atHome: { 'zh-CN': '{说一说|shuō yi shuō}', en: 'Talk about it.' }, picture: { src: 'media/a.svg', alt: { en: 'A' } } };
    const good = { curriculum: { standard: 'cn-ict-2022', gradeBand: '1-2', strands: ['network'] }, familyCard: card };
    expect(curriculumProblems(good, { from: 1, to: 3 })).toEqual([]);
    expect(curriculumProblems({}, { from: 1, to: 2 })).toEqual(['has no curriculum mapping ("curriculum": standard, gradeBand, strands)', 'has no family card ("familyCard": rule, atHome, picture)']);
    expect(curriculumProblems(good, { from: 4, to: 6 })).toEqual(["curriculum.gradeBand 1-2 does not overlap the lesson's grades 4–6"]);
    const long = { ...good, familyCard: { rule: { 'zh-CN': '长'.repeat(41), en: 'word '.repeat(26) }, atHome: card.atHome } };
    expect(curriculumProblems(long, { from: 1, to: 2 })).toEqual([
      'familyCard has no picture',
      'familyCard.rule zh-CN has 41 characters (at most 40: keep it short)',
      'familyCard.rule en has 26 words (at most 25: keep it short)',
    ]);
  });

  it('names every curriculum strand and grade band in both languages (teacher page, content report)', () => {
    for (const language of ['zh-CN', 'en']) {
      const file = path.join(__dirname, '../../src/renderer/src/i18n/locales', language, 'curriculum.json');
      const words = JSON.parse(fs.readFileSync(file, 'utf8')).curriculum as { strand: Record<string, unknown>; band: Record<string, string> };
      for (const strand of CURRICULUM_STRANDS) expect(typeof strand.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], words.strand), `${language} ${strand}`).toBe('string');
      for (const band of CURRICULUM_GRADE_BANDS) expect(typeof words.band[band], `${language} ${band}`).toBe('string');
    }
  });

  it('reports a manifest that is not JSON without throwing', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{ not json');
    expect(checkPackFolder(dir).problems[0]).toMatch(/manifest\.json: is not valid JSON/);
  });
});
