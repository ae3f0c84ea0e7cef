import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSrt } from '../../src/core/telemetry/srt';
import { readMavic3 } from '../../src/core/telemetry/srt-mavic3';

const FIXTURES = path.resolve(__dirname, '../fixtures/dji-srt');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
/** CRLF line ends: the general path reads them the same, the fast path never takes them. */
const throughGeneralPath = (text: string) => text.replace(/\r?\n/g, '\r\n');
const printed = (text: string) => {
  try {
    return JSON.stringify(parseSrt(text), null, 2);
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
};

describe('the Mavic 3 fast path', () => {
  it('takes the real Mavic 3 file, and prints exactly what the general path prints', () => {
    const text = read('MAVIC3.srt');
    expect(readMavic3(text)?.points.length).toBe(12_318);
    expect(readMavic3(throughGeneralPath(text))).toBeUndefined();
    expect(printed(text)).toBe(printed(throughGeneralPath(text)));
  });

  it('leaves every other sample file to the general path, which reads it as before', () => {
    for (const file of fs.readdirSync(FIXTURES).filter((f) => /\.srt$/i.test(f) && f !== 'MAVIC3.srt')) {
      const text = read(file);
      expect(readMavic3(text), file).toBeUndefined();
      expect(printed(text), file).toBe(printed(throughGeneralPath(text)));
    }
  });

  it('hands a file with one odd block to the general path, whole', () => {
    const blocks = read('MAVIC3.srt').split('\n\n').slice(0, 50);
    const odd = [...blocks];
    // A later firmware adds a field to one block; a cut-off last block; a (0, 0) position before a GPS fix.
    odd[20] = odd[20]!.replace('[ct: ', '[dzoom_ratio: 1.0] [ct: ');
    const whole = blocks.join('\n\n');
    const variants = [odd.join('\n\n'), whole.slice(0, whole.lastIndexOf('[longitude')), whole.replace(/\[latitude: [-\d.]+\] \[longitude: [-\d.]+\]/, '[latitude: 0.00000] [longitude: 0.00000]')];
    for (const text of variants) expect(printed(text)).toBe(printed(throughGeneralPath(text)));
    expect(readMavic3(variants[0]!)).toBeUndefined();
    expect(readMavic3(variants[1]!)).toBeUndefined();
    // The (0, 0) file is still the fast path's, and the block keeps no position, as in the general path.
    expect(readMavic3(variants[2]!)?.points[0]?.lat).toBeUndefined();
    expect(JSON.parse(printed(variants[1]!)).warnings).toEqual([expect.objectContaining({ code: 'cut_off' })]);
  });
});
