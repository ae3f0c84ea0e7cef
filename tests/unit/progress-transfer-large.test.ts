import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attempt, progressSetup } from '../support/progress';

const LESSON = { packId: 'org.kite.safe-online', lessonId: 'passwords' };

/** A term of a whole class on one PC: more records than one page of the export or the merge (2,000). */
async function busyPc(pupils: number, answersEach: number) {
  const pc = progressSetup();
  const cls = await pc.teacher('classes.create', { name: '五年级二班', grade: 5 });
  const ids: string[] = [];
  for (let i = 0; i < pupils; i++) ids.push((await pc.teacher('pupils.add', { classId: cls.id, name: `学生${i + 1}` })).id);
  const { store } = pc.core.progress;
  pc.core.db.transaction(() => {
    for (const id of ids) {
      for (let n = 0; n < answersEach; n++) store.recordAttempt(id, attempt(`q${n % 7}`, n % 3 !== 0, { attemptId: crypto.randomUUID(), timeMs: 1000 }));
      store.finishLesson(id, { ...LESSON, packVersion: '1.0.0' });
    }
  })();
  return { ...pc, cls, ids };
}

describe('moving a big class\'s progress between PCs', () => {
  // Through core, as `kite progress export` / `kite progress merge` do: the screen takes files up to 900 KB.
  it('exports every record, page after page, and the other PC merges every one, once', async () => {
    const a = await busyPc(2, 1050);
    const text = [...a.core.progress.transfer.fileLines()].join('');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { t?: string; events?: number; id?: string });
    const events = lines.filter((l) => l.t === 'event');
    expect(events).toHaveLength(2 * 1051);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(lines.at(-1)).toEqual({ t: 'end', events: 2 * 1051 });

    const b = progressSetup();
    const merge = () => b.core.progress.transfer.merge(async function* () {
      yield* text.split('\n');
    });
    const merged = await merge();
    expect(merged).toEqual({ events: { added: 2102, alreadyHere: 0 }, pupils: { added: 2, matched: 0 }, classes: { added: 1, matched: 0 } });
    expect(await merge()).toMatchObject({ events: { added: 0, alreadyHere: 2102 } });
    // The teacher's table on the second PC says what the first one says.
    const csv = async (pc: typeof b) => (await pc.teacher('progress.exportCsv', { lang: 'en' })).text.split('\r\n').slice(1);
    expect(await csv(b)).toEqual(await csv(a));
    const [, firstRow] = (await b.teacher('progress.exportCsv', { lang: 'en' })).text.split('\r\n');
    // 1,050 answers of a second each: 17.5 minutes.
    expect(firstRow).toMatch(/^五年级二班,学生1,org\.kite\.safe-online,passwords,,Done,\d,\d+,17\.5,1050,/);
    a.core.close();
    b.core.close();
  });
});
