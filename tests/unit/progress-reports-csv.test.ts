import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvLabels, localTime } from '../../src/core/progress/csv-export';
import { b64, progressSetup } from '../support/progress';

// Class lists read from CSV and the progress table written as CSV, at the edges mutation testing found no
// test deciding (docs/mutation/core-progress-reports.md).

describe('class lists from a CSV file', () => {
  it('say UTF-8 without a BOM for a file whose first character merely shares bytes with the BOM (EF BB BF)', async () => {
    const { core, teacher } = progressSetup();
    // 绿 is E7 BB BF, ＿ is EF BC BF, ﻠ is EF BB A0: each shares two of the BOM's three bytes.
    for (const first of ['绿', '＿', 'ﻠ']) {
      expect(await teacher('classes.importPreview', { fileBase64: b64(`${first}萝,一班\n`) })).toMatchObject({ encoding: 'utf-8', lines: [{ name: `${first}萝` }] });
    }
    expect(await teacher('classes.importPreview', { fileBase64: b64('\uFEFF绿萝,一班\n') })).toMatchObject({ encoding: 'utf-8-bom', lines: [{ name: '绿萝' }] });
    core.close();
  });

  it('take a line with empty cells after the class (Excel leaves them) as a good line', async () => {
    const { core, teacher } = progressSetup();
    const preview = await teacher('classes.importPreview', { fileBase64: b64('小明,一班,,\r\n小红,一班,\r\n') });
    expect(preview.lines.map((l) => [l.name, l.className, l.status, l.problem])).toEqual([
      ['小明', '一班', 'new', undefined],
      ['小红', '一班', 'new', undefined],
    ]);
    core.close();
  });

  it('take a name of 20 characters, and refuse one of 21', async () => {
    const { core, teacher } = progressSetup();
    const twenty = '欧阳'.repeat(10);
    const preview = await teacher('classes.importPreview', { fileBase64: b64(`${twenty},一班\n${twenty}娜,一班\n`) });
    expect(preview.lines.map((l) => [[...l.name].length, l.status, l.problem])).toEqual([
      [20, 'new', undefined],
      [21, 'error', 'too-long'],
    ]);
    core.close();
  });

  // The English words of csv_invalid are shown to the teacher on the error's details line (ERRORS_WITH_DETAILS).
  it('say on which line a quote is wrong, and what to do with a file that is not text', async () => {
    const { core, teacher } = progressSetup();
    await expect(teacher('classes.importPreview', { fileBase64: b64('张三,一班\n李四,"一班"x\n') })).rejects.toMatchObject({
      code: 'csv_invalid',
      message: expect.stringMatching(/^Invalid Closing Quote: .* \(check the quotes on line 2\)\. Nothing was added\.$/),
    });
    await expect(teacher('classes.importPreview', { fileBase64: b64(new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0xff])) })).rejects.toMatchObject({
      code: 'csv_invalid',
      message: 'The file is neither UTF-8 nor GBK text. Save it from Excel as "CSV UTF-8" and try again.',
    });
    core.close();
  });

  it('where nothing can be added, name the first line with a problem, not a pupil already there', async () => {
    const { core, teacher } = progressSetup();
    const cls = await teacher('classes.create', { name: '一班', grade: 1 });
    await teacher('pupils.add', { classId: cls.id, name: '小明' });
    await expect(teacher('classes.importCommit', { fileBase64: b64('小明,一班\n<b>小红</b>,一班\n') })).rejects.toMatchObject({
      code: 'csv_nothing_to_add',
      message: 'No line of this list can be added (line 2: bad-characters). Nothing was added.',
    });
    core.close();
  });
});

describe('the progress table for Excel', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('names a zero offset UTC+00:00 also where the runtime writes it "GMT" (ICU before 78, ICU-23157)', () => {
    // This Node's ICU writes "GMT+00:00"; older ICU builds (and so other Electron or Node versions) write "GMT".
    const formatToParts = Intl.DateTimeFormat.prototype.formatToParts;
    vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts').mockImplementation(function (this: Intl.DateTimeFormat, date) {
      return formatToParts.call(this, date).map((p) => (p.type === 'timeZoneName' && p.value === 'GMT+00:00' ? { ...p, value: 'GMT' } : p));
    });
    expect(localTime('2026-12-02T12:15:00Z', 'UTC')).toEqual({ local: '2026-12-02 12:15', offset: 'UTC+00:00' });
    expect(localTime('2026-12-02T12:15:00Z', 'Asia/Shanghai')).toEqual({ local: '2026-12-02 20:15', offset: 'UTC+08:00' });
    const london = csvLabels({ lang: 'en', timeZone: 'Europe/London', now: Date.parse('2026-12-02T00:00:00Z') });
    expect(london.header.at(-1)).toBe('First finished (UTC+00:00)');
    expect(london.time('2026-12-01T09:05:00Z')).toBe('2026-12-01 09:05');
    expect(london.time('2026-07-01T12:00:00Z')).toBe('2026-07-01 13:00 +01:00');
  });
});
