// `npm run content:report [folder…]`: per lesson of every pack folder under lessons/ (or the
// folders named), the step count, activity types, zh-CN characters, en words and minutes, every
// problem found, and every Chinese string of a grade 1–2 lesson without pinyin markup. Ends with a
// summary table and a table of curriculum strands × lessons (where the gaps are). Exits non-zero
// when anything is missing or wrong.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allProblems, checkPackFolder, packFolders, type LessonReport, type PackReport } from './lib/lesson-content';
import { STRAND_COLUMNS } from './lib/curriculum';
import { CURRICULUM_GRADE_BANDS } from '../src/shared/pack';

function pad(text: string, width: number): string {
  // CJK characters take two columns in a terminal.
  const columns = [...text].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - columns));
}

function lessonBlock(lesson: LessonReport): string {
  const lines = [
    `  ${lesson.id}  ${lesson.title['zh-CN']} / ${lesson.title.en}`,
    `    grades ${lesson.grades.from}–${lesson.grades.to}, ${lesson.minutes} min, ${lesson.steps} steps: ${lesson.stepTypes.join(', ')}`,
    `    activity types (${lesson.activityTypes.length}): ${lesson.activityTypes.join(', ')}`,
    `    zh-CN ${lesson.zhChars} characters, en ${lesson.enWords} words (pupil-facing text)`,
  ];
  if (lesson.grades.from <= 2) {
    lines.push(lesson.missingPinyin.length ? `    Chinese without pinyin (${lesson.missingPinyin.length}):` : '    Chinese without pinyin: none');
    for (const m of lesson.missingPinyin) lines.push(`      ${m.where}: ${m.runs.join(' / ')}`);
  }
  for (const p of lesson.problems) lines.push(`    PROBLEM ${p}`);
  return lines.join('\n');
}

function summaryTable(packs: PackReport[]): string {
  const header = ['pack', 'lesson', 'grades', 'min', 'steps', 'types', 'zh chars', 'en words', 'no pinyin', 'problems'];
  const rows = packs.flatMap((pack) =>
    pack.lessons.map((l) => [
      pack.folder,
      l.id,
      `${l.grades.from}–${l.grades.to}`,
      String(l.minutes),
      String(l.steps),
      String(l.activityTypes.length),
      String(l.zhChars),
      String(l.enWords),
      l.grades.from <= 2 ? String(l.missingPinyin.length) : '–',
      String(l.problems.length),
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] as number)).join('  ');
  const total = (i: number) => rows.reduce((n, r) => n + (Number(r[i]) || 0), 0);
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    line(widths.map((w) => '-'.repeat(w))),
    line(['total', `${rows.length} lessons`, '', String(total(3)), String(total(4)), '', String(total(6)), String(total(7)), String(total(8)), String(total(9))]),
  ].join('\n');
}

/** The strands' names as teachers read them (the app's zh-CN and en wording). */
function strandNames(language: 'zh-CN' | 'en'): (strand: string) => string {
  const file = fileURLToPath(new URL(`../src/renderer/src/i18n/locales/${language}/curriculum.json`, import.meta.url));
  const words = (JSON.parse(fs.readFileSync(file, 'utf8')) as { curriculum: { strand: Record<string, unknown> } }).curriculum.strand;
  return (strand) => String(strand.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], words));
}

/** Lessons down, strands across (● mapped), grade band and family card; then the strands no lesson of a band covers. */
function strandTable(packs: PackReport[]): string {
  const lessons = packs.flatMap((p) => p.lessons);
  const header = ['lesson', 'band', 'card', ...STRAND_COLUMNS.map((c) => c.short)];
  const rows = lessons.map((l) => [l.id, l.curriculum?.gradeBand ?? '–', l.hasFamilyCard ? 'yes' : 'NO', ...STRAND_COLUMNS.map((c) => (l.curriculum?.strands.includes(c.strand) ? '●' : '·'))]);
  const count = (strand: string, band?: string) => lessons.filter((l) => l.curriculum?.strands.includes(strand) && (!band || l.curriculum.gradeBand === band)).length;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] as number)).join('  ');
  const rule = line(widths.map((w) => '-'.repeat(w)));
  const totals = CURRICULUM_GRADE_BANDS.map((band) => line([`lessons ${band}`, '', '', ...STRAND_COLUMNS.map((c) => String(count(c.strand, band)))]));
  const zh = strandNames('zh-CN');
  const en = strandNames('en');
  const legend = STRAND_COLUMNS.map((c) => `  ${c.short.padEnd(5)} ${c.strand.padEnd(23)} ${zh(c.strand)} / ${en(c.strand)}`);
  const gaps = CURRICULUM_GRADE_BANDS.map((band) => {
    const missing = STRAND_COLUMNS.filter((c) => count(c.strand, band) === 0).map((c) => c.short);
    return `  grades ${band}: ${missing.length ? `no lesson for ${missing.join(', ')}` : 'every strand has a lesson'}`;
  });
  return ['Curriculum standard cn-ict-2022 (义务教育信息科技课程标准 2022): strands × lessons', line(header), rule, ...rows.map(line), rule, ...totals, '', 'Strands:', ...legend, '', 'Gaps:', ...gaps].join('\n');
}

function main() {
  const args = process.argv.slice(2);
  const folders = args.length ? args.map((a) => path.resolve(a)) : packFolders();
  if (folders.length === 0) {
    process.stderr.write('No lesson pack folders found under lessons/.\n');
    process.exit(1);
  }
  const packs = folders.map(checkPackFolder);
  for (const pack of packs) {
    process.stdout.write(`\n${pack.folder}${pack.id ? ` (${pack.id}, grades ${pack.grades?.from}–${pack.grades?.to})` : ''}\n`);
    for (const p of pack.problems) process.stdout.write(`  PROBLEM ${p}\n`);
    for (const lesson of pack.lessons) process.stdout.write(`${lessonBlock(lesson)}\n`);
  }
  process.stdout.write(`\n${summaryTable(packs)}\n`);
  process.stdout.write(`\n${strandTable(packs)}\n`);
  const problems = packs.flatMap(allProblems);
  const missing = packs.flatMap((p) => p.lessons).reduce((n, l) => n + l.missingPinyin.length, 0);
  if (problems.length) {
    process.stdout.write(`\n${problems.length} problem(s), ${missing} of them Chinese strings without pinyin in grade 1–2 lessons.\n`);
    process.exit(1);
  }
  process.stdout.write('\nAll lessons pass: schema, media, ids, both languages, teacher notes, curriculum mapping and family card, pinyin for grades 1–2.\n');
}

main();
