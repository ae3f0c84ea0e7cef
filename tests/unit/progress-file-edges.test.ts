import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRESS_UPLOAD } from '../../src/core/progress/merge';
import { receiveUpload } from '../../src/handlers/routes/upload';
import { AVATARS } from '../../src/shared/avatars';
import { KiteError } from '../../src/shared/errors';
import { attempt, progressSetup, progressSnapshot as snapshot } from '../support/progress';
import { tempDir } from '../support/temp';

// Progress files and the teacher's CSV: the edges mutation testing showed no test decided (docs/mutation/core-progress-store.md).

type Json = Record<string, unknown>;

const HEADER = { app: 'kite-classroom', kind: 'progress', formatVersion: 2 };
const CLASS = { t: 'class', id: 'class-b', name: '五年级一班', grade: 5 };
const PUPIL = { t: 'pupil', id: 'pupil-b', classId: 'class-b', name: '小芳', avatar: AVATARS[0], archived: false };
let tick = Date.parse('2026-04-01T08:00:00.000Z');
const event = (fields: Json = {}): Json => ({
  t: 'event', id: crypto.randomUUID(), device_id: 'pc-b', pupil_id: 'pupil-b', device_seq: null, kind: 'attempt', pack_id: 'org.kite.safe-online', pack_version: '1.0.0',
  lesson_id: 'passwords', step_id: 'q1', activity_type: 'single-choice', answer_json: '{"chosen":["a"]}', correct: 1, hints_used: 0, time_ms: 1000, score: null, stars: null,
  at: new Date(tick++).toISOString(), ...fields,
});
/** A whole progress file as another PC writes it: header, its class and pupil, the events, the end line. */
const file = (events: Json[], extra: Json[] = []): Json[] => [HEADER, CLASS, PUPIL, ...extra, ...events, { t: 'end', events: events.length }];
const toText = (lines: Json[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';


/** The refusal of merging `text`, and that nothing changed. */
async function refusal(text: string): Promise<KiteError> {
  const { core, teacher } = progressSetup();
  const before = snapshot(core);
  const error = await teacher('progress.mergeFile', { text }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KiteError);
  expect(snapshot(core)).toEqual(before);
  core.close();
  return error as KiteError;
}

describe("what a progress file's first line must say", () => {
  it('refuses a file that says no format version, or that is another kind of Kite Classroom file', async () => {
    const rest = toText(file([event()])).split('\n').slice(1).join('\n');
    const { formatVersion: _v, ...noVersion } = HEADER;
    for (const header of [noVersion, { ...HEADER, formatVersion: 1.5 }, { ...HEADER, kind: 'county-bundle' }]) {
      const error = await refusal(`${JSON.stringify(header)}\n${rest}`);
      expect(error.code).toBe('file_not_ours');
      expect(error.message).toBe('This is not a Kite Classroom progress file. Nothing was changed.');
    }
  });

  it('says which format a too-new file has and which this app reads', async () => {
    const error = await refusal(toText([{ ...HEADER, formatVersion: 3 }, ...file([event()]).slice(1)]));
    expect(error.code).toBe('file_too_new');
    expect(error.message).toContain('(format 3, this app reads 2)');
  });
});

describe('reading a progress file line by line', () => {
  it('merges a file with blank lines of spaces or carriage returns at its end (copied through a Windows editor)', async () => {
    const { core, teacher } = progressSetup();
    const text = toText(file([event()])) + '\r\n   \r\n\t\n';
    expect((await teacher('progress.mergeFile', { text })).events).toEqual({ added: 1, alreadyHere: 0 });
    core.close();
  });

  it('refuses a file that goes on after its end line (two files joined), naming the line', async () => {
    const one = file([event()]);
    const error = await refusal(toText([...one, ...file([event()]).slice(1)]));
    expect(error).toMatchObject({ code: 'progress_file_invalid', details: { line: one.length + 1, context: 'after_end' } });
    expect(error.message).toBe(`Line ${one.length + 1} of the progress file: there is more after the end line. Nothing was changed.`);
  });

  it('says a file cut off while copying is incomplete', async () => {
    const lines = file([event(), event()]);
    lines.splice(-2, 1); // one event line lost: the end line counts two
    const error = await refusal(toText(lines));
    expect(error).toMatchObject({ code: 'progress_file_invalid', details: { context: 'incomplete' } });
    expect(error.message).toContain('the file is incomplete (it was cut off while copying?); export it again');
  });

  // `kite progress merge` in English prints the error's own message: it must say what is wrong on which line.
  const refusals: [string, (lines: Json[]) => void, RegExp][] = [
    ['a lesson record without its lesson', (l) => (l[3] = { ...l[3], lesson_id: null }), /^Line 4 of the progress file: it is damaged \(a lesson record without its lesson\)\. Nothing was changed\.$/],
    ['an id with a control character', (l) => (l[1] = { ...l[1], id: 'class\u0007b' }), /^Line 2 .*: it is damaged \(no control characters\)\./],
    ['a picture the app does not have', (l) => (l[2] = { ...l[2], avatar: 'dragon' }), /^Line 3 .*: the picture "dragon" is not one of the app's pictures\./],
    ['a name that is too long', (l) => (l[2] = { ...l[2], name: '小'.repeat(21) }), /^Line 3 .*: the name "小{21}" cannot be used \(at most 20 characters\)\./],
    ['a pupil of a class not in the file nor here', (l) => (l[2] = { ...l[2], classId: 'elsewhere' }), /^Line 3 .*: pupil "小芳" is in a class that is neither in the file nor on this PC\./],
    ['a record of a pupil not in the file nor here', (l) => (l[3] = { ...l[3], pupil_id: 'ghost' }), /^Line 4 .*: a record belongs to a pupil who is neither in the file nor on this PC\./],
  ];
  it.each(refusals)('says in English what is wrong and where: %s', async (_name, spoil, message) => {
    const lines = file([event()]);
    spoil(lines);
    expect((await refusal(toText(lines))).message).toMatch(message);
  });

  it('leaves no staging table behind, after a merge or a refusal', async () => {
    const { core, teacher } = progressSetup();
    await teacher('progress.mergeFile', { text: toText(file([event()])) });
    await teacher('progress.mergeFile', { text: toText(file([event({ pupil_id: 'ghost' })])) }).catch(() => undefined);
    expect(snapshot(core).staged).toEqual([]);
    core.close();
  });

  it('keeps a big file\'s records on disk while reading it: the first 2,000 are staged before the rest is read', async () => {
    const { core } = progressSetup();
    const staged = () => {
      const table = core.db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'table' AND name LIKE 'merge_%'").pluck().get() as string;
      return core.db.prepare(`SELECT count(*) FROM temp.${table}`).pluck().get();
    };
    let seen: unknown;
    const events = Array.from({ length: 2001 }, () => event());
    const result = await core.progress.transfer.merge(function* () {
      for (const line of file(events)) {
        if (line === events[2000]) seen = staged();
        yield JSON.stringify(line);
      }
    });
    expect(seen).toBe(2000);
    expect(result.events).toEqual({ added: 2001, alreadyHere: 0 });
    core.close();
  });

  it('keeps the numbers the other PC gave its records', async () => {
    const { core, teacher } = progressSetup();
    await teacher('progress.mergeFile', { text: toText(file([event({ id: 'b5', device_seq: 5 }), event({ id: 'b6', device_seq: 6 })])) });
    const events = [...core.progress.transfer.fileLines()].map((l) => JSON.parse(l) as Json).filter((l) => l.t === 'event');
    expect(events.map((e) => [e.id, e.device_seq])).toEqual([
      ['b5', 5],
      ['b6', 6],
    ]);
    core.close();
  });
});

describe('a progress file on disk (kite progress merge, an upload)', () => {
  it('merges a file with Windows line ends, and refuses an empty file as not a progress file', async () => {
    const { core } = progressSetup();
    const dir = tempDir();
    const good = path.join(dir, 'b.kiteprogress');
    fs.writeFileSync(good, toText(file([event(), event()])).replace(/\n/g, '\r\n'));
    expect((await core.progress.transfer.mergeFile(good)).events).toEqual({ added: 2, alreadyHere: 0 });
    const empty = path.join(dir, 'empty.kiteprogress');
    fs.writeFileSync(empty, '');
    const error = await core.progress.transfer.mergeFile(empty).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'file_not_ours' });
    expect((error as Error).message).toBe('The file is empty. Nothing was changed.');
    core.close();
  });

  it('takes an upload of up to 512 MB and refuses a bigger one from its declared size, saying the limit', async () => {
    const { core } = progressSetup();
    const body = async function* () {
      yield Buffer.from(toText(file([event()])));
    };
    const upload = (declared?: number) => receiveUpload(core, 'progress', core.progress.uploads.token(), body(), declared);
    expect(PROGRESS_UPLOAD.maxBytes).toBe(512 * 2 ** 20);
    expect(await upload(512 * 2 ** 20)).toMatchObject({ status: 200, json: { ok: true } });
    const sent = await upload();
    expect(sent).toMatchObject({ status: 200, json: { ok: true } });
    const refused = await upload(512 * 2 ** 20 + 1);
    expect(refused).toMatchObject({ status: 413, json: { ok: false, error: { code: 'progress_file_too_large', details: { maxMb: 512 } } } });
    expect((refused.json as { error: { message: string } }).error.message).toBe('The progress file is larger than 512 MB. Nothing was changed.');
    const gone = (() => {
      try {
        return core.progress.uploads.file(crypto.randomUUID());
      } catch (e) {
        return e;
      }
    })();
    expect(gone).toMatchObject({ code: 'not_found' });
    expect((gone as Error).message).toBe('That upload is no longer here (was the app restarted?). Choose the progress file again.');
    core.close();
  });
});

describe("the teacher's files", () => {
  it("exports one class's CSV with only that class, quoting commas and quotes, and defusing cells Excel would run", async () => {
    const { core, teacher, pupil } = progressSetup();
    const odd = await teacher('classes.create', { name: '兴趣班,"A"', grade: null });
    const other = await teacher('classes.create', { name: '三年级一班', grade: 3 });
    for (const [cls, name] of [[odd, '=1+2'], [odd, '@小明'], [other, '小红']] as const) {
      const p = await teacher('pupils.add', { classId: cls.id, name });
      const child = pupil();
      await child('pupils.signIn', { pupilId: p.id });
      await child('attempts.record', attempt('q1', true));
    }
    const rows = (await teacher('progress.exportCsv', { classId: odd.id, lang: 'en' })).text.split('\r\n').slice(1, -1);
    expect(rows.map((r) => r.split(',passwords,')[0])).toEqual(['"兴趣班,""A""",\'=1+2,org.kite.safe-online', '"兴趣班,""A""",\'@小明,org.kite.safe-online']);
    core.close();
  });

  it('carries a removed pupil as removed: merged on another PC, their records come but they are not back in the class', async () => {
    const b = progressSetup();
    const cls = await b.teacher('classes.create', { name: '四年级二班', grade: 4 });
    const stays = await b.teacher('pupils.add', { classId: cls.id, name: '小明' });
    const leaves = await b.teacher('pupils.add', { classId: cls.id, name: '小红' });
    const child = b.pupil();
    await child('pupils.signIn', { pupilId: leaves.id });
    await child('attempts.record', attempt('q1', true));
    await b.teacher('pupils.remove', { pupilId: leaves.id });
    const text = (await b.teacher('progress.exportFile')).text;
    b.core.close();

    const a = progressSetup();
    expect(await a.teacher('progress.mergeFile', { text })).toMatchObject({ pupils: { added: 2 }, events: { added: 1 } });
    expect((await a.teacher('classes.list'))[0]?.pupils.map((p) => p.id)).toEqual([stays.id]);
    expect(a.core.db.prepare('SELECT archived FROM pupils WHERE id = ?').pluck().get(leaves.id)).toBe(1);
    a.core.close();
  });
});
