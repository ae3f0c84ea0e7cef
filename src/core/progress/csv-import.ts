import type Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import type { ImportLine, ImportPreview } from '../../shared/contract/roster';
import { KiteError } from '../../shared/errors';
import type { Roster } from './roster';

const HEADER_NAMES = ['name', 'names', '姓名', '名字', '学生', '学生姓名'];
const MAX_NAME = 20;

/**
 * Text of a list file from a teacher's PC: UTF-8 with or without BOM, or GBK/GB18030 as saved
 * by Excel on Chinese Windows ("CSV (逗号分隔)"). Anything else is refused with a clear message.
 */
export function decodeTeacherFile(bytes: Uint8Array): { text: string; encoding: ImportPreview['encoding'] } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gbk' };
    } catch {
      throw new KiteError('csv_invalid', 'The file is neither UTF-8 nor GBK text. Save it from Excel as "CSV UTF-8" and try again.');
    }
  }
}

/** Guess the grade from a class name like "三年级二班" or "3年级1班" or "Grade 3A". */
export function gradeFromName(name: string): number | null {
  const m = /([1-6一二三四五六])\s*年级|grade\s*([1-6])/i.exec(name);
  const digit = m?.[1] ?? m?.[2];
  if (!digit) return null;
  return '一二三四五六'.includes(digit) ? '一二三四五六'.indexOf(digit) + 1 : Number(digit);
}

/**
 * Read a pupil list: one name per line, or "name,class". An optional header row is skipped, and so
 * are blank rows (Excel leaves ",," rows behind); they are only counted. Every other line gets a
 * status, and a line with a problem is skipped with its reason. Nothing is written here.
 */
export function previewImport(roster: Roster, bytes: Uint8Array, targetClassId: string | undefined): ImportPreview & { rows: { name: string; className: string }[] } {
  const { text, encoding } = decodeTeacherFile(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new KiteError('csv_invalid', `${e.message} (check the quotes on line ${e.lines ?? '?'}). Nothing was added.`);
  }
  const target = targetClassId ? roster.getClass(targetClassId) : undefined;
  const seen = new Set<string>();
  const lines: ImportLine[] = [];
  const newClasses = new Set<string>();
  let blankLines = 0;
  records.forEach(({ record, info }) => {
    if (record.every((cell) => cell === '')) return void blankLines++;
    const [rawName = '', rawClass = '', ...extra] = record;
    if (lines.length === 0 && HEADER_NAMES.includes(rawName.toLowerCase())) return;
    const name = rawName.normalize('NFC');
    const className = rawClass.normalize('NFC') || target?.name || '';
    const line: ImportLine = { line: info.lines, name, className, status: 'new' };
    if (extra.some((x) => x !== '')) line.problem = 'too-many-columns';
    else if (name === '') line.problem = 'empty';
    else if ([...name].length > MAX_NAME) line.problem = 'too-long';
    else if (/[\p{Cc}<>]/u.test(name)) line.problem = 'bad-characters';
    else if (className === '') line.problem = 'no-class';
    else if (seen.has(`${className}\u0000${name}`)) line.problem = 'duplicate-in-file';
    if (line.problem) line.status = 'error';
    else {
      seen.add(`${className}\u0000${name}`);
      const existing = roster.findClassByName(className);
      if (existing && roster.findPupilByName(existing.id, name)) line.status = 'exists';
      else if (!existing) newClasses.add(className);
    }
    lines.push(line);
  });
  const ok = lines.filter((l) => l.status === 'new');
  return {
    encoding,
    lines,
    newPupils: ok.length,
    newClasses: [...newClasses],
    errors: lines.filter((l) => l.status === 'error').length,
    blankLines,
    rows: ok.map((l) => ({ name: l.name, className: l.className })),
  };
}

/**
 * Add the good lines of a previewed list in one transaction; lines with a problem are skipped and
 * reported in the result. Refused, changing nothing, when no line at all can be added.
 */
export function commitImport(db: Database.Database, roster: Roster, bytes: Uint8Array, targetClassId: string | undefined): ImportPreview {
  const preview = previewImport(roster, bytes, targetClassId);
  if (preview.newPupils === 0 && preview.errors > 0) {
    const first = preview.lines.find((l) => l.status === 'error');
    throw new KiteError('csv_nothing_to_add', `No line of this list can be added (line ${first?.line}: ${first?.problem}). Nothing was added.`, { details: { errors: preview.errors } });
  }
  db.transaction(() => {
    for (const row of preview.rows) {
      const cls = roster.findClassByName(row.className) ?? roster.createClass(row.className, gradeFromName(row.className));
      roster.addPupil(cls.id, row.name);
    }
  })();
  const { rows: _rows, ...result } = preview;
  return result;
}
