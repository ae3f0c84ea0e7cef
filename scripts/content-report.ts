// `npm run content:report [folder…]`: per lesson of every pack folder under lessons/ (or the
// folders named), the step count, activity types, zh-CN characters, en words and minutes, every
// problem found, and every Chinese string of a grade 1–2 lesson without pinyin markup. Ends with a
// summary table. Exits non-zero when anything is missing or wrong.
import path from 'node:path';
import { allProblems, checkPackFolder, packFolders, type LessonReport, type PackReport } from './lib/lesson-content';

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
  const problems = packs.flatMap(allProblems);
  const missing = packs.flatMap((p) => p.lessons).reduce((n, l) => n + l.missingPinyin.length, 0);
  if (problems.length) {
    process.stdout.write(`\n${problems.length} problem(s), ${missing} of them Chinese strings without pinyin in grade 1–2 lessons.\n`);
    process.exit(1);
  }
  process.stdout.write('\nAll lessons pass: schema, media, ids, both languages, teacher notes, pinyin for grades 1–2.\n');
}

main();
