import { MESSAGES } from '../../src/shared/messages';
import type { Language } from '../../src/shared/languages';
import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { attempt, progressSetup, progressSnapshot as snapshot } from '../support/progress';
import { errorText } from '../../src/renderer/src/lib/errors';
import { KiteError } from '../../src/shared/errors';
import { PROGRESS_FILE_PROBLEMS } from '../../src/core/progress/merge';

type Json = Record<string, unknown>;

/** A progress file from another PC: 2 classes, 3 pupils, their answers. */
async function exported() {
  const b = progressSetup();
  for (const [className, names] of [['五年级一班', ['小明', '小红']], ['五年级二班', ['小刚']]] as const) {
    const cls = await b.teacher('classes.create', { name: className, grade: 5 });
    for (const name of names) {
      const p = await b.teacher('pupils.add', { classId: cls.id, name });
      const child = b.pupil();
      await child('pupils.signIn', { pupilId: p.id });
      for (let i = 0; i < 3; i++) await child('attempts.record', attempt(`q${i}`, i % 2 === 0));
    }
  }
  const text = (await b.teacher('progress.exportFile')).text;
  b.core.close();
  return text.trimEnd().split('\n').map((l) => JSON.parse(l) as Json);
}


const toText = (lines: Json[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
const lineOf = (lines: Json[], pred: (l: Json) => boolean) => lines.findIndex(pred) + 1;

describe('merging a hostile progress file', () => {
  const cases: [string, (lines: Json[]) => { problem: string; line: number }][] = [
    [
      'a pupil in a class that is neither in the file nor here (after its classes were read)',
      (lines) => {
        const i = lines.findLastIndex((l) => l.t === 'pupil');
        lines[i] = { ...lines[i], classId: 'no-such-class' };
        return { problem: 'unknown_class', line: i + 1 };
      },
    ],
    [
      'a record of a pupil who is neither in the file nor here',
      (lines) => {
        const i = lines.findLastIndex((l) => l.t === 'event');
        lines[i] = { ...lines[i], pupil_id: 'ghost' };
        return { problem: 'unknown_pupil', line: i + 1 };
      },
    ],
    [
      'a pupil name with control characters',
      (lines) => {
        const i = lineOf(lines, (l) => l.t === 'pupil' && l.name === '小红') - 1;
        lines[i] = { ...lines[i], name: '小\u0007红\u001b[31m' };
        return { problem: 'bad_name', line: i + 1 };
      },
    ],
    [
      'a class name with a newline',
      (lines) => {
        const i = lineOf(lines, (l) => l.t === 'class') - 1;
        lines[i] = { ...lines[i], name: '五年级\n一班' };
        return { problem: 'bad_name', line: i + 1 };
      },
    ],
    [
      'an empty pupil name',
      (lines) => {
        const i = lineOf(lines, (l) => l.t === 'pupil') - 1;
        lines[i] = { ...lines[i], name: '   ' };
        return { problem: 'bad_name', line: i + 1 };
      },
    ],
    [
      'an avatar the app does not have',
      (lines) => {
        const i = lineOf(lines, (l) => l.t === 'pupil') - 1;
        lines[i] = { ...lines[i], avatar: '../../etc/passwd' };
        return { problem: 'bad_avatar', line: i + 1 };
      },
    ],
    [
      'a lesson record without its lesson',
      (lines) => {
        const i = lineOf(lines, (l) => l.t === 'event') - 1;
        lines[i] = { ...lines[i], lesson_id: null };
        return { problem: 'damaged', line: i + 1 };
      },
    ],
  ];

  it.each(cases)('refuses the whole file, naming the line: %s', async (_name, spoil) => {
    const lines = await exported();
    const { problem, line } = spoil(lines);
    const a = progressSetup();
    const cls = await a.teacher('classes.create', { name: '一年级一班', grade: 1 });
    await a.teacher('pupils.add', { classId: cls.id, name: '小兰' });
    const before = snapshot(a.core);
    const error = await a.teacher('progress.mergeFile', { text: toText(lines) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KiteError);
    expect(error).toMatchObject({ code: 'progress_file_invalid', details: { line, context: problem }, message: expect.stringMatching(new RegExp(`^Line ${line} of the progress file: .*Nothing was changed\\.$`)) });
    expect(snapshot(a.core)).toEqual(before);
    a.core.close();
  });

  it('a good file still merges whole, and again adds nothing', async () => {
    const lines = await exported();
    const a = progressSetup();
    const first = await a.teacher('progress.mergeFile', { text: toText(lines) });
    expect(first).toMatchObject({ classes: { added: 2 }, pupils: { added: 3 }, events: { added: 9, alreadyHere: 0 } });
    const after = snapshot(a.core);
    const second = await a.teacher('progress.mergeFile', { text: toText(lines) });
    expect(second).toMatchObject({ classes: { added: 0, matched: 2 }, pupils: { added: 0, matched: 3 }, events: { added: 0, alreadyHere: 9 } });
    expect(snapshot(a.core)).toEqual(after);
    a.core.close();
  });

  it('says each refusal in both languages, with the line', async () => {
    for (const language of ['en', 'zh-CN']) {
      const common = JSON.parse(fs.readFileSync(path.join(__dirname, `../../src/renderer/src/i18n/locales/${language}/common.json`), 'utf8')) as Json;
      const i18n = i18next.createInstance();
      // As the app does: the error sentences come from the shared catalogue.
      await i18n.init({ lng: language, resources: { [language]: { translation: { ...common, errors: MESSAGES[language as Language].errors } } }, interpolation: { escapeValue: false } });
      for (const problem of PROGRESS_FILE_PROBLEMS) {
        const text = errorText(i18n.t, new KiteError('progress_file_invalid', 'x', { details: { line: 42, context: problem } }));
        expect(text, `${language} ${problem}`).not.toBe(i18n.t('errors.progress_file_invalid', { line: 42 }));
        if (problem !== 'incomplete') expect(text, `${language} ${problem}`).toContain('42');
      }
    }
  });
});
