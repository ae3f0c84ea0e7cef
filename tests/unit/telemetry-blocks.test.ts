import { describe, expect, it } from 'vitest';
import { formatShutter, parseBlock, seconds, splitBlocks, validPosition } from '../../src/core/telemetry/srt-block';
import { parseSrt, SrtError } from '../../src/core/telemetry/srt';
import { formatTrack } from '../../src/core/telemetry/export';
import { distanceMetres } from '../../src/shared/telemetry';

// Block by block, the rules the sample files (gallery-telemetry.test.ts) pass through without
// deciding on: each case here is one a file could bring, with the value a person would expect.

/** A file of blocks, each with an index and a timecode one second long, from `start` seconds. */
function srtFile(payloads: string[], { start = 0, step = 1 } = {}): string {
  const tc = (s: number) => {
    const ms = Math.round((s % 1) * 1000);
    const whole = Math.floor(s);
    return `00:${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')},${String(ms).padStart(3, '0')}`;
  };
  return payloads.map((p, i) => `${i + 1}\n${tc(start + i * step)} --> ${tc(start + (i + 1) * step)}\n${p}`).join('\n\n') + '\n';
}

describe('a position', () => {
  it('is a real place on the globe, and not the (0, 0) DJI writes before a fix', () => {
    for (const [lat, lon] of [[90, 180], [-90, -180], [0, 5], [5, 0], [22.5, 113.9]]) expect(validPosition(lat!, lon!), `${lat},${lon}`).toBe(true);
    for (const [lat, lon] of [[90.0001, 0], [-90.0001, 10], [10, 180.0001], [10, -180.0001], [0, 0], [Number.NaN, 10], [10, Number.NaN], [Infinity, 10], [10, -Infinity]]) {
      expect(validPosition(lat!, lon!), `${lat},${lon}`).toBe(false);
    }
  });

  it('out of range in GPS(…) or HOME(…) is left out, the rest of the block kept', () => {
    const block = parseBlock('GPS(200.5,22.1,9) HOME(0,0) BAROMETER:12.5 ISO:100');
    expect(block).toMatchObject({ family: 'phantom', point: { height: 12.5 } });
    expect(block?.point.lat).toBeUndefined();
    expect(block?.home).toBeUndefined();
    expect(parseBlock('GPS(113.9,22.5,9) HOME(113.8,22.4) BAROMETER:1')?.home).toEqual({ lat: 22.4, lon: 113.8 });
  });
});

describe('one block', () => {
  it('Phantom: GPS(lon, lat, satellites) puts longitude first; Matrice: GPS(lat, lon, altitude M) latitude first', () => {
    expect(parseBlock('GPS(113.9,22.5,17) BAROMETER:30.1')).toMatchObject({ family: 'phantom', point: { lat: 22.5, lon: 113.9, height: 30.1 } });
    const matrice = parseBlock('GPS(22.5,113.9,88.2M) BAROMETER:40.0M');
    expect(matrice).toMatchObject({ family: 'matrice', point: { lat: 22.5, lon: 113.9, altitude: 88.2, height: 40 } });
  });

  it('old firmware: Hb is the height', () => {
    expect(parseBlock('GPS(113.9,22.5,8) Hb:12.5 Hs:3.0')).toMatchObject({ family: 'old-firmware', point: { height: 12.5 } });
  });

  it('single line: distance, height and both speeds, each in its own field', () => {
    const block = parseBlock('F/2.8, SS 400, ISO 100, EV 0, GPS (113.9, 22.5, 17), D 49.2m, H 45.6m, H.S 2.62m/s, V.S -0.50m/s');
    expect(block).toMatchObject({ family: 'single-line', point: { lat: 22.5, lon: 113.9, distance: 49.2, height: 45.6, speed: 2.62, verticalSpeed: -0.5 } });
    // Without "SS" it is not the single-line family: no distance read.
    expect(parseBlock('F/2.8, ISO 100, GPS (113.9, 22.5, 17), D 49.2m')?.point.distance).toBeUndefined();
  });

  it('bracketed: rel_alt makes it a Mavic 3 (height and abs_alt), else [altitude] is the altitude', () => {
    expect(parseBlock('[latitude: 22.5] [longitude: 113.9] [rel_alt: 45.1 abs_alt: 120.4]')).toMatchObject({ family: 'mavic3', point: { lat: 22.5, lon: 113.9, height: 45.1, altitude: 120.4 } });
    const mavic2 = parseBlock('[latitude : 22.5] [longtitude : 113.9] [altitude: 130.2]');
    expect(mavic2).toMatchObject({ family: 'bracketed', point: { lat: 22.5, lon: 113.9, altitude: 130.2 } });
    expect(mavic2?.point.height).toBeUndefined();
  });

  it('cut off before its position is incomplete, in every family', () => {
    expect(parseBlock('[latitude: 22.5] [longitude')).toMatchObject({ family: 'bracketed', incomplete: true });
    expect(parseBlock('[lat')).toMatchObject({ incomplete: true });
    expect(parseBlock('ISO:100 GPS(113.9,22.')).toMatchObject({ family: 'phantom', incomplete: true });
    expect(parseBlock('ISO:100 HOME(113.9, 22.')).toMatchObject({ family: 'phantom', incomplete: true });
    expect(parseBlock('GPS(113.9,22.5,9) BAROMETER:1')?.incomplete).toBeUndefined();
  });

  it('GPS(N/A, N/A, 3) is a block without a fix: kept, with no position', () => {
    const block = parseBlock('GPS(N/A, N/A, 3) ISO:100');
    expect(block).toMatchObject({ family: 'phantom' });
    expect(block?.incomplete).toBeUndefined();
    expect(block?.point.lat).toBeUndefined();
  });

  it('camera settings alone make a camera-only block; a block with neither is no telemetry', () => {
    expect(parseBlock('ISO:200')).toMatchObject({ family: 'camera-only', point: { camera: { iso: 200 } } });
    expect(parseBlock('Shutter:1/50')).toMatchObject({ family: 'camera-only', point: { camera: { shutter: '1/50' } } });
    expect(parseBlock('fnum: 2.8')).toMatchObject({ family: 'camera-only', point: { camera: { fnum: 2.8 } } });
    expect(parseBlock('EV 0.7')).toBeUndefined();
    expect(parseBlock('hello')).toBeUndefined();
    expect(parseBlock('')).toBeUndefined();
  });

  it('reads the drone clock with and without leading zeros or milliseconds', () => {
    expect(parseBlock('2017.8.5 9:01:02 ISO:100')?.time).toBe('2017-08-05T09:01:02');
    expect(parseBlock('2021-06-20 14:11:51.25 ISO:100')?.time).toBe('2021-06-20T14:11:51.250');
    expect(parseBlock('2021-06-20  14:11:51,5 ISO:100')?.time).toBe('2021-06-20T14:11:51.500');
  });
});

describe('camera settings', () => {
  const camera = (payload: string) => parseBlock(payload)?.point.camera;

  it('aperture: ×100 in Mavic 2 files (280 is f/2.8), written as is elsewhere', () => {
    expect(camera('fnum : 280 ISO:100')?.fnum).toBe(2.8);
    expect(camera('fnum : 50 ISO:100')?.fnum).toBe(0.5);
    expect(camera('fnum : 49 ISO:100')?.fnum).toBe(49);
    expect(camera('fnum: 3.2 ISO:100')?.fnum).toBe(3.2);
    expect(camera('fnum: 280.0 ISO:100')?.fnum).toBe(280);
    expect(camera('IR : F2.8 ISO:100')?.fnum).toBe(2.8);
    expect(camera('F/11, SS 400, ISO 100')?.fnum).toBe(11);
  });

  it('shutter: a fraction rounded, a denominator alone made a fraction, a long exposure in seconds', () => {
    expect(formatShutter('1/400.0')).toBe('1/400');
    expect(formatShutter('1/2.5')).toBe('1/3');
    expect(formatShutter('60')).toBe('1/60');
    expect(formatShutter('1')).toBe('1/1');
    expect(formatShutter('0.5')).toBe('0.5');
    expect(camera('shutter : 1/640.0 ISO:100')?.shutter).toBe('1/640');
    expect(camera('TV:1/200.5 ISO:100')?.shutter).toBe('1/201');
    expect(camera('SS 0.8, ISO 100')?.shutter).toBe('0.8');
    expect(camera('SS 0.25, ISO 100')?.shutter).toBe('0.25');
    expect(camera('Shutter:1/50')?.shutter).toBe('1/50');
  });

  it('exposure value as written, focal length ×10 in older files', () => {
    expect(camera('EV: -1/3 ISO:100')?.ev).toBe('-1/3');
    expect(camera('EV +0.7 ISO:100')?.ev).toBe('+0.7');
    expect(camera('EV:-0.33 ISO:100')?.ev).toBe('-0.33');
    expect(camera('focal_len:24.00 ISO:100')?.focalLength).toBe(24);
    expect(camera('IR:F4 ISO:100')?.fnum).toBe(4);
    expect(camera('focal_len : 240 ISO:100')?.focalLength).toBe(24);
    expect(camera('focal_len: 24.00 ISO:100')?.focalLength).toBe(24);
    expect(camera('focal_len: 6.73 ISO:100')?.focalLength).toBe(6.73);
  });
});

describe('splitting a file into blocks', () => {
  it('splits on lines that are blank or hold only spaces and tabs, and reads index and timecode', () => {
    const blocks = splitBlocks('1\n00:00:00,000 --> 00:00:01,500\nISO:100\n \t\n2\n00:01:02.05 --> 1:00:03,5\nISO:200\n\n\n');
    expect(blocks).toEqual([
      { index: 1, start: 0, end: 1.5, payload: 'ISO:100' },
      { index: 2, start: 62.05, end: 3603.5, payload: 'ISO:200' },
    ]);
  });

  it('reads a timecode written without spaces round the arrow', () => {
    expect(splitBlocks('00:00:01,000-->00:00:02,250\nISO:100')).toEqual([{ start: 1, end: 2.25, payload: 'ISO:100' }]);
  });

  it('takes blocks without an index, without a timecode, or with neither; trims lines and drops empty ones inside', () => {
    expect(splitBlocks('00:00:01,000 --> 00:00:02,000\nISO:100')).toEqual([{ start: 1, end: 2, payload: 'ISO:100' }]);
    expect(splitBlocks('7\nISO:100\nGPS(1,2,3)')).toEqual([{ index: 7, payload: 'ISO:100\nGPS(1,2,3)' }]);
    expect(splitBlocks('ISO:100')).toEqual([{ payload: 'ISO:100' }]);
    expect(splitBlocks('  3  \n  ISO:100  \n\t GPS(1,2,3)')).toEqual([{ index: 3, payload: 'ISO:100\nGPS(1,2,3)' }]);
    expect(splitBlocks('12')).toEqual([{ index: 12, payload: '' }]);
    expect(splitBlocks('00:00:01,000 --> 00:00:02,000')).toEqual([{ start: 1, end: 2, payload: '' }]);
    // A number inside a line is not an index.
    expect(splitBlocks('12 ISO:100')).toEqual([{ payload: '12 ISO:100' }]);
  });

  it('reads the timecode digits as a fraction: 5 is half a second, 05 five hundredths', () => {
    expect(seconds('0', '0', '1', '5')).toBe(1.5);
    expect(seconds('0', '0', '1', '05')).toBe(1.05);
    expect(seconds('2', '3', '4', '123')).toBe(2 * 3600 + 3 * 60 + 4.123);
    expect(seconds()).toBe(0);
  });
});

describe('a track', () => {
  it('works out speed over at least a second of positions, height from the first altitude and distance from home', () => {
    // A block every half second, flying north at 20 m/s, climbing 20 m/s; one block (at 1 s) has no position.
    const north = (m: number) => 22.5 + m / 111_194.9;
    const payloads = [0, 0.5, 1, 1.5, 2, 2.5].map((t) => (t === 1 ? 'ISO:100' : `GPS(${north(20 * t).toFixed(7)}, 113.9, ${100 + 20 * t}M)`));
    const track = parseSrt(srtFile(payloads, { step: 0.5 }));
    expect(track.family).toBe('matrice');
    const located = track.points.filter((p) => p.lat !== undefined);
    expect(located.map((p) => p.t)).toEqual([0, 0.5, 1.5, 2, 2.5]);
    // The first block has nothing to measure from; then 20 m a second, also where a second back is the block without a position.
    expect(located[0]!.speed).toBeUndefined();
    for (const p of located.slice(1)) expect(p.speed).toBeCloseTo(20, 0);
    expect(located.map((p) => p.height)).toEqual([0, 10, 30, 40, 50]);
    expect(located.map((p) => Math.round(p.distance!))).toEqual([0, 10, 30, 40, 50]);
    expect(track.home).toEqual({ lat: located[0]!.lat, lon: 113.9 });
    expect(track.pathLength).toBeCloseTo(50, 0);
    expect(track.maxDistance).toBeCloseTo(50, 0);
    expect(track.maxHeight).toBe(50);
    expect(track.duration).toBe(3);
    // The block without a position is a point all the same (its camera settings), not a skipped block.
    expect(track.points).toHaveLength(6);
    expect(track.warnings).toEqual([]);
  });

  it('gives no speed across less than half a second, and keeps a speed the file gave', () => {
    const track = parseSrt(srtFile(['GPS(113.9, 22.5, 9) BAROMETER:1', 'GPS(113.9, 22.5001, 9) BAROMETER:1'], { step: 0.4 }));
    expect(track.points.map((p) => p.speed)).toEqual([undefined, undefined]);
    const given = parseSrt(srtFile(['F/2.8, SS 400, ISO 100, GPS (113.9, 22.5, 9), H.S 3.00m/s', 'F/2.8, SS 400, ISO 100, GPS (113.9, 22.6, 9), H.S 4.00m/s']));
    expect(given.points.map((p) => p.speed)).toEqual([3, 4]);
  });

  it('measures from the last position at least a second back, not the first of the file', () => {
    const payloads = [0, 0, 0, 50, 100].map((m) => `GPS(113.9, ${(22.5 + m / 111_194.9).toFixed(7)}, 9) BAROMETER:1`);
    const track = parseSrt(srtFile(payloads));
    expect(track.points.map((p) => Math.round(p.speed ?? -1))).toEqual([-1, 0, 0, 50, 50]);
  });

  it('a distance the file gave is kept; the first position is home when the file names none', () => {
    const track = parseSrt(srtFile(['F/2.8, SS 400, ISO 100, GPS (113.9, 22.5, 9), D 500m, H 10m', 'F/2.8, SS 400, ISO 100, GPS (113.9, 22.501, 9), D 600m, H 12m']));
    expect(track.points.map((p) => p.distance)).toEqual([500, 600]);
    expect(track.home).toEqual({ lat: 22.5, lon: 113.9 });
    const named = parseSrt(srtFile(['HOME(113.8, 22.4) GPS(113.9, 22.5, 9) BAROMETER:1']));
    expect(named.home).toEqual({ lat: 22.4, lon: 113.8 });
    expect(named.points[0]!.distance).toBeCloseTo(distanceMetres({ lat: 22.4, lon: 113.8 }, { lat: 22.5, lon: 113.9 }), 1);
  });

  it('without GPS: camera settings only, said so, and no home or distances', () => {
    const track = parseSrt(srtFile(['ISO:100 Shutter:60', 'ISO:200 Shutter:60']));
    expect(track).toMatchObject({ family: 'camera-only', hasGps: false, home: undefined, maxDistance: undefined, maxHeight: undefined, pathLength: 0 });
    expect(track.warnings.map((w) => w.code)).toEqual(['no_gps']);
  });

  it('without timecodes: time from the drone clock, else one block a second from the block index', () => {
    const clocked = parseSrt('1\n2021-06-20 14:00:00 ISO:100\n\n2\n2021-06-20 14:00:02.5 ISO:100\n');
    expect(clocked.points.map((p) => p.t)).toEqual([0, 2.5]);
    const plain = parseSrt('3\nISO:100\n\n4\nISO:100\n');
    expect(plain.points.map((p) => p.t)).toEqual([2, 3]);
    const unnumbered = parseSrt('ISO:100\n\nISO:200\n');
    expect(unnumbered.points.map((p) => p.t)).toEqual([0, 1]);
    expect(unnumbered.duration).toBe(2);
  });

  it('takes CRLF and CR line ends and <font> tags, and says a last block cut short was left out', () => {
    const text = srtFile(['<font size="28">GPS(113.9, 22.5, 9) BAROMETER:1</font>', 'GPS(113.9, 22.5001, 9) BAROMETER:2', 'GPS(113.9, 22.']);
    for (const variant of [text.replace(/\n/g, '\r\n'), text.replace(/\n/g, '\r')]) {
      const track = parseSrt(variant);
      expect(track.points.map((p) => p.height)).toEqual([1, 2]);
      expect(track.warnings.map((w) => w.code)).toEqual(['cut_off']);
    }
    // Cut short in the middle rather than at the end: skipped and counted.
    const middle = parseSrt(srtFile(['GPS(113.9, 22.5, 9) BAROMETER:1', 'GPS(113.9, 22.', 'GPS(113.9, 22.5001, 9) BAROMETER:2']));
    expect(middle.warnings).toEqual([expect.objectContaining({ code: 'blocks_skipped', count: 1 })]);
  });

  it('refuses a file of blank lines as empty, and one of blocks with nothing in them as no telemetry', () => {
    expect(() => parseSrt(' \r\n \n')).toThrow(expect.objectContaining({ problem: 'empty' }));
    expect(() => parseSrt('<font></font>\n')).toThrow(expect.objectContaining({ problem: 'empty' }));
    const none = (() => {
      try {
        parseSrt(srtFile(['hello', 'world']));
      } catch (error) {
        return error;
      }
    })();
    expect(none).toBeInstanceOf(SrtError);
    expect(none).toMatchObject({ problem: 'srt_no_telemetry' });
  });
});

describe('exporting a track', () => {
  it('CSV quotes a cell with a comma or a quote; GeoJSON holds only located points and a home', () => {
    const track = parseSrt(srtFile(['ISO:100 EV: 1/3', 'GPS(113.9, 22.5, 9) BAROMETER:1 ISO:100', 'GPS(113.9, 22.5001, 9) BAROMETER:2 ISO:100']));
    track.points[0]!.camera.shutter = 'a,"b"';
    const csv = formatTrack(track, 'csv').split('\n');
    expect(csv[1]).toContain('"a,""b"""');
    expect(csv[2]?.split(',').slice(0, 5)).toEqual(['1', '', '22.5', '113.9', '1']);
    const geo = JSON.parse(formatTrack(track, 'geojson')) as { features: { geometry: { type: string; coordinates: number[] | number[][] }; properties: Record<string, unknown> }[] };
    expect(geo.features[0]?.geometry.coordinates).toEqual([[113.9, 22.5, 1], [113.9, 22.5001, 2]]);
    expect(geo.features[0]?.properties.times).toEqual([1, 2]);
    expect(geo.features[1]).toMatchObject({ properties: { name: 'home' }, geometry: { type: 'Point', coordinates: [113.9, 22.5] } });
    const noGps = parseSrt(srtFile(['ISO:100']));
    expect(JSON.parse(formatTrack(noGps, 'geojson')).features).toHaveLength(1);
  });
});
