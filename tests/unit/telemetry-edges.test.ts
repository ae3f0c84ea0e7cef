import { describe, expect, it } from 'vitest';
import { parseBlock, splitBlocks } from '../../src/core/telemetry/srt-block';
import { parseSrt } from '../../src/core/telemetry/srt';

// The cases mutation testing showed no test decided (docs/mutation/core-telemetry.md): odd but
// readable layouts, clocks and timecodes, and speed between blocks closer than a second.
// All the SRT text here is made up.

/** Blocks every `step` seconds from 0, each with an index and a timecode. */
function srtFile(payloads: string[], step = 1): string {
  const tc = (s: number) => {
    const ms = Math.round((s % 1) * 1000);
    const whole = Math.floor(s);
    return `00:${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')},${String(ms).padStart(3, '0')}`;
  };
  return payloads.map((p, i) => `${i + 1}\n${tc(i * step)} --> ${tc((i + 1) * step)}\n${p}`).join('\n\n') + '\n';
}

/** A latitude `m` metres north of 22.5°. */
const north = (m: number) => (22.5 + m / 111_194.9).toFixed(7);

describe('reading the lines of a block', () => {
  it('reads the index and the timecode when their lines end in spaces', () => {
    const text = '1 \n00:00:10,000 --> 00:00:10,500 \nGPS(113.9, 22.5, 9) BAROMETER:1\n\n2 \n00:00:10,500 --> 00:00:11,000 \nGPS(113.9, 22.5001, 9) BAROMETER:2\n';
    const track = parseSrt(text);
    expect(track.points.map((p) => p.t)).toEqual([10, 10.5]);
    expect(track.duration).toBe(11);
  });

  it('drops a line of other blank characters (a non-breaking space, a form feed) between the index and the timecode', () => {
    for (const blank of ['\u00a0', '\f']) {
      const track = parseSrt(`1\n${blank}\n00:00:03,000 --> 00:00:04,000\nGPS(113.9, 22.5, 9) BAROMETER:1\n`);
      expect(track.points.map((p) => p.t), JSON.stringify(blank)).toEqual([3]);
    }
  });

  it('keeps the telemetry of a block whose timecode is not on the line after its index', () => {
    const track = parseSrt('1\nGPS(113.9, 22.5, 9) BAROMETER:1\n00:00:05,000 --> 00:00:06,000\n\n2\nGPS(113.9, 22.5001, 9) BAROMETER:2\n00:00:06,000 --> 00:00:07,000\n');
    expect(track.points.map((p) => [p.lat, p.height])).toEqual([
      [22.5, 1],
      [22.5001, 2],
    ]);
  });

  it('reads timecodes of ten hours and more', () => {
    expect(splitBlocks('1\n12:00:01,000 --> 12:00:02,000\nISO:100')).toEqual([{ index: 1, start: 43_201, end: 43_202, payload: 'ISO:100' }]);
  });
});

describe('telling the families apart', () => {
  it('the single-line family needs an aperture written F/<number> as well as SS', () => {
    for (const payload of ['SS 400, ISO 100, GPS (113.9, 22.5, 9), D 49m, H 10m', 'F/N/A, SS 400, ISO 100, GPS (113.9, 22.5, 9), D 49m, H 10m']) {
      const block = parseBlock(payload);
      expect(block?.family, payload).not.toBe('single-line');
      expect(block?.point.distance, payload).toBeUndefined();
    }
  });

  it('a block with GPS(lon, lat, satellites) and no height is a Phantom block: its position is kept', () => {
    expect(parseBlock('GPS(113.9, 22.5, 9)')).toMatchObject({ family: 'phantom', point: { lat: 22.5, lon: 113.9 } });
    expect(parseBlock('GPS(113.9, 22.5, 9) ISO:100')).toMatchObject({ family: 'phantom', point: { lat: 22.5, lon: 113.9 } });
    const track = parseSrt(srtFile(['HOME(113.9, 22.5) GPS(113.9, 22.5, 9)', 'HOME(113.9, 22.5) GPS(113.9, 22.5001, 9)']));
    expect(track).toMatchObject({ family: 'phantom', hasGps: true, warnings: [] });
    expect(track.points).toHaveLength(2);
  });

  it('GPS (N/A, …) without a fix is kept, with or without spaces round the bracket', () => {
    for (const payload of ['GPS (N/A, N/A, 0)', 'GPS( N/A, N/A, 0)', 'GPS(N/A,N/A,0)']) {
      expect(parseBlock(payload), payload).toMatchObject({ family: 'phantom', point: { camera: {} } });
    }
    // Anything else in GPS(…) that cannot be read, with nothing more in the block, is no telemetry.
    expect(parseBlock('GPS(?, ?, 0)')).toBeUndefined();
    expect(parseBlock('GPS weak')).toBeUndefined();
  });

  it('"lat" elsewhere than a [latitude field does not make a block look cut off', () => {
    const block = parseBlock('GPS(113.9, 22.5, 9) BAROMETER:1 [color_md : flat]');
    expect(block).toMatchObject({ family: 'phantom', point: { lat: 22.5, lon: 113.9, height: 1 } });
    expect(block?.incomplete).toBeUndefined();
  });
});

describe('blocks cut off or without a position', () => {
  it('is cut off inside "[ latitude" written with a space, and inside a single-line "GPS ("', () => {
    expect(parseBlock('ISO:100 [ latitu')).toMatchObject({ incomplete: true });
    expect(parseBlock('F/2.8, SS 400, ISO 100, EV 0, GPS (113.9, 22.')).toMatchObject({ incomplete: true });
  });

  it('a bracketed block without a readable latitude is left out like one without a longitude', () => {
    expect(parseBlock('[latitude: --] [longitude: 113.9] [rel_alt: 5.0 abs_alt: 9.0]')).toMatchObject({ family: 'mavic3', incomplete: true });
    expect(parseBlock('[latitude: 22.5] [longitude: --] [rel_alt: 5.0 abs_alt: 9.0]')).toMatchObject({ family: 'mavic3', incomplete: true });
  });
});

describe('camera settings written with more digits', () => {
  const camera = (payload: string) => parseBlock(payload)?.point.camera;

  it('reads an aperture to two decimals, with or without a colon', () => {
    expect(camera('fnum: 1.75 ISO:100')?.fnum).toBe(1.75);
    expect(camera('fnum 2.8 ISO:100')?.fnum).toBe(2.8);
  });

  it('reads an exposure value of two digits whole', () => {
    expect(camera('EV:-10 ISO:100')?.ev).toBe('-10');
    expect(camera('EV:1/10 ISO:100')?.ev).toBe('1/10');
  });
});

describe('time from the drone clock (files without timecodes)', () => {
  it('a block without a clock, or with a clock that is not a date, takes its time from its index', () => {
    const noClock = parseSrt('1\n2021-06-20 14:00:00 ISO:100\n\n2\nISO:100\n\n3\n2021-06-20 14:00:04 ISO:100\n');
    expect(noClock.points.map((p) => p.t)).toEqual([0, 1, 4]);
    // A drone writes 0000-00-00 before its clock is set.
    const unset = parseSrt('1\n0000-00-00 00:00:00 ISO:100\n\n2\n0000-00-00 00:00:00 ISO:100\n');
    expect(unset.points.map((p) => p.t)).toEqual([0, 1]);
    const unsetLater = parseSrt('1\n2021-06-20 14:00:00 ISO:100\n\n2\n0000-00-00 00:00:00 ISO:100\n\n3\n2021-06-20 14:00:02 ISO:100\n');
    expect(unsetLater.points.map((p) => p.t)).toEqual([0, 1, 2]);
  });

  it('a block that lost its timecode is timed by its clock from the first block, which has a timecode', () => {
    const track = parseSrt('1\n00:00:00,000 --> 00:00:01,000\n2021-06-20 14:00:00 ISO:100\n\n2\n2021-06-20 14:00:05 ISO:100\n');
    expect(track.points.map((p) => p.t)).toEqual([0, 5]);
  });
});

describe('height and speed worked out along the track', () => {
  it('heights are from the first altitude in the file, also when the first block has none', () => {
    const track = parseSrt(srtFile(['ISO:100', 'GPS(22.5, 113.9, 100.0M)', `GPS(${north(10)}, 113.9, 112.5M)`]));
    expect(track.points.map((p) => p.height)).toEqual([undefined, 0, 12.5]);
    expect(track.maxHeight).toBe(12.5);
  });

  it('with a block every quarter second, speed is measured over at least half a second, from a second back at most', () => {
    // Flying north at 10 m/s.
    const payloads = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2].map((t) => `GPS(113.9, ${north(10 * t)}, 9) BAROMETER:1`);
    const track = parseSrt(srtFile(payloads, 0.25));
    const speeds = track.points.map((p) => p.speed);
    expect(speeds.slice(0, 2)).toEqual([undefined, undefined]);
    for (const s of speeds.slice(2)) expect(s).toBeCloseTo(10, 1);
  });
});
