import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SRT_BYTES, parseSrt, SrtError } from '../../src/core/telemetry/srt';
import { formatTrack } from '../../src/core/telemetry/export';
import { pointAt } from '../../src/shared/telemetry';

const repoRoot = path.resolve(__dirname, '../..');
const FIXTURES = path.join(repoRoot, 'tests/fixtures/dji-srt');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const parse = (name: string) => parseSrt(read(name));

describe('DJI SRT telemetry on the real sample files', () => {
  it('reads or rejects every sample file with a reason', () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => /\.srt$/i.test(f));
    expect(files.length).toBeGreaterThanOrEqual(18);
    for (const file of files) {
      try {
        const track = parse(file);
        expect(track.points.length, file).toBeGreaterThan(0);
      } catch (error) {
        expect(error, file).toBeInstanceOf(SrtError);
        expect(file).toMatch(/^broken_empty/);
      }
    }
  });

  it('Phantom 4 / Mavic Pro: GPS(lon,lat,sats), HOME and BAROMETER', () => {
    const track = parse('mavic_pro.SRT');
    expect(track.family).toBe('phantom');
    expect(track.points).toHaveLength(468);
    expect(track.home).toEqual({ lat: -20.2532, lon: 149.0251 });
    const first = track.points[0]!;
    expect(first).toMatchObject({ t: 1, lat: -20.2533, lon: 149.0251, height: 1.9, time: '2017-08-05T14:11:51' });
    expect(first.camera).toEqual({ iso: 100, shutter: '1/60', fnum: 2.2 });
    expect(track.maxHeight).toBe(118.7);
  });

  it('old firmware: Hb/Hs, TV and IR:F2.8, dates without leading zeros', () => {
    const track = parse('old_format.SRT');
    expect(track.family).toBe('old-firmware');
    expect(track.points[0]).toMatchObject({ lat: -20.2533, lon: 149.0251, height: 1.9, time: '2017-08-05T14:11:51' });
    expect(track.points[0]!.camera).toEqual({ iso: 100, shutter: '1/60', fnum: 2.8, ev: '0' });
  });

  it('single line (Mavic Mini, P4P, P4 RTK): longitude first, D / H / H.S / V.S', () => {
    const mini = parse('mavic_mini.SRT');
    expect(mini.family).toBe('single-line');
    expect(mini.points[0]).toMatchObject({ lat: 48.0771, lon: -121.7458, distance: 221.21, height: 200.7 });
    expect(mini.points[0]!.camera).toMatchObject({ fnum: 2.8, iso: 260, ev: '-1.7' });
    const p4p = parse('p4p_sample.SRT');
    expect(p4p.points.map((p) => p.speed)).toEqual([0, 0.2, 1.9, 2.62, 2.44]);
    expect(p4p.points[0]).toMatchObject({ lat: 47.4692, lon: 8.209, height: 45.6, distance: 49.21 });
    const rtk = parse('p4_rtk.SRT');
    expect(rtk.home).toEqual({ lat: -34.232707, lon: -58.847509 });
    expect(rtk.points[0]).toMatchObject({ lat: -34.237922, lon: -58.851745, distance: 698.7, height: 85.8 });
    expect(rtk.points[0]!.camera).toMatchObject({ fnum: 5.6, shutter: '1/400' });
  });

  it('Mavic 2 / Air: the misspelt "longtitude", aperture ×100 and focal length ×10', () => {
    const track = parse('m2zoom.SRT');
    expect(track.family).toBe('bracketed');
    expect(track.points[0]).toMatchObject({ lat: 31.452012, lon: 74.398751, altitude: 213.983002, height: 0 });
    expect(track.points[0]!.camera).toEqual({ iso: 120, shutter: '1/2500', fnum: 2.8, ev: '0', focalLength: 24 });
    const air2s = parse('air2s.srt');
    expect(air2s.points[0]).toMatchObject({ lat: 41.424724, lon: 2.234156, altitude: 117 });
    expect(air2s.points[0]!.camera.focalLength).toBe(24);
  });

  it('Mavic 2 files without timecodes take their times from the drone clock', () => {
    const track = parse('mavic_2_style.SRT');
    expect(track.points).toHaveLength(468);
    expect(track.points[0]).toMatchObject({ t: 0, lat: -20.2533, lon: 149.0251 });
    expect(track.points[1]!.t).toBe(1);
    expect(track.points.at(-1)!.t).toBe(468);
  });

  it('Mavic 3: rel_alt / abs_alt and real aperture and focal length', () => {
    const track = parse('MAVIC3.srt');
    expect(track.family).toBe('mavic3');
    expect(track.points).toHaveLength(12318);
    expect(track.points[0]).toMatchObject({ t: 0, lat: 3.41531, lon: -3.3744, height: -2.4, altitude: 0.401, time: '2021-12-25T12:27:52.373' });
    expect(track.points[0]!.camera).toEqual({ iso: 220, shutter: '1/8000', fnum: 3.2, ev: '0', focalLength: 24 });
    expect(track.points.at(-1)).toMatchObject({ t: 246.34, lat: 3.41368, lon: -3.37721, height: 3.6 });
    expect(track.duration).toBeCloseTo(246.36, 2);
  });

  it('Matrice 300: GPS(lat,lon,altM) with CRLF line ends', () => {
    const track = parse('matrice_300.srt');
    expect(track.family).toBe('matrice');
    expect(track.points).toHaveLength(381);
    expect(track.points[0]).toMatchObject({ lat: 36.6146, lon: -6.112, height: 0.3, time: '2022-06-21T16:06:17' });
  });

  it('byte-order marks, GPS without a fix, files cut off mid-block', () => {
    const withBom = parse('mavic_2pro_new.SRT');
    expect(withBom.points[0]).toMatchObject({ lat: -35.080155, lon: -60.286702 });
    const buggy = parse('mavic_pro_buggy.SRT');
    expect(buggy.points).toHaveLength(546);
    expect(buggy.points.some((p) => p.lat === undefined && p.height === 0)).toBe(true);
    const cut = parse('broken_incomplete.SRT');
    expect(cut.points).toHaveLength(19);
    expect(cut.warnings.map((w) => w.text).join(' ')).toMatch(/cut off/);
    const cut2 = parse('broken_incomplete2.SRT');
    expect(cut2.points.map((p) => p.t)).toEqual([0, 0.04, 0.12, 0.16]);
    expect(cut2.warnings.map((w) => w.text).join(' ')).toMatch(/skipped/);
  });

  it('a file with camera settings only parses and says it has no GPS', () => {
    const track = parse('mavic_air.SRT');
    expect(track.hasGps).toBe(false);
    expect(track.points[0]!.camera).toMatchObject({ iso: 100, shutter: '1/240', fnum: 2.8 });
    expect(track.warnings.map((w) => w.text).join(' ')).toMatch(/no GPS/);
  });

  it('rejects empty and non-telemetry files with a reason', () => {
    expect(() => parse('broken_empty.SRT')).toThrow(/empty/);
    expect(() => parse('broken_empty2.SRT')).toThrow(/no DJI telemetry/);
    expect(() => parseSrt('\uFEFF\r\n')).toThrow(/empty/);
    expect(() => parseSrt('hello\0world')).toThrow(/binary/);
    expect(() => parseSrt('1\n00:00:01,000 --> 00:00:02,000\nJust a film subtitle.\n')).toThrow(/no DJI telemetry/);
  });

  it('skips garbage lines and blocks between good ones', () => {
    const lines = read('p4p_sample.SRT').split('\n');
    const garbled = [...lines.slice(0, 4), 'lorem ipsum ### 12,34', '', '99', 'not a timecode', 'random words', '', ...lines.slice(4)].join('\n');
    const track = parseSrt(garbled);
    expect(track.points).toHaveLength(5);
    expect(track.points[0]).toMatchObject({ lat: 47.4692, lon: 8.209 });
    expect(track.warnings.map((w) => w.text).join(' ')).toMatch(/2 block/);
  });

  it('finds the point for a video time and formats CSV and GeoJSON', () => {
    const track = parse('p4p_sample.SRT');
    expect(pointAt(track.points, 2.5)!.speed).toBe(1.9);
    expect(pointAt(track.points, -1)!.t).toBe(0);
    expect(pointAt(track.points, 99)!.t).toBe(4);
    const csv = formatTrack(track, 'csv').split('\n');
    expect(csv[0]).toBe('t,time,lat,lon,height,altitude,distance,speed,verticalSpeed,iso,shutter,fnum,ev,focalLength');
    expect(csv[1]).toBe('0,,47.4692,8.209,45.6,,49.21,0,0,100,1/160,3.2,0,');
    const geo = JSON.parse(formatTrack(track, 'geojson'));
    expect(geo.features[0].geometry.coordinates[0]).toEqual([8.209, 47.4692, 45.6]);
  });
});

describe('what the gallery says about each real flight (its facts line and map come from these)', () => {
  // Family, blocks read, home, duration (s), highest (m), farthest from home (m), path flown (m), warnings:
  // worked out once from the sample files and checked against them by eye (per-second files last as many
  // seconds as they have blocks; hovering files fly no path). The test after this one checks them against
  // the files' own text and a distance measured another way.
  const FLIGHTS = [
    ['MAVIC3.srt', { family: 'mavic3', points: 12318, home: { lat: 3.41531, lon: -3.3744 }, duration: 246.36, maxHeight: 11.2, maxDistance: 711.39, pathLength: 2757.2, warnings: [] }],
    ['air2s.srt', { family: 'bracketed', points: 17, home: { lat: 41.424724, lon: 2.234156 }, duration: 0.567, maxHeight: 0.1, maxDistance: 4.55, pathLength: 4.6, warnings: [] }],
    ['broken_incomplete.SRT', { family: 'phantom', points: 19, home: { lat: -34.7386, lon: -58.4563 }, duration: 20, maxHeight: 20.3, maxDistance: 33.36, pathLength: 0, warnings: ['cut_off'] }],
    ['broken_incomplete2.SRT', { family: 'bracketed', points: 4, home: { lat: -34.86995, lon: -57.823395 }, duration: 0.2, maxHeight: 0, maxDistance: 1.23, pathLength: 1.2, warnings: ['cut_off', 'blocks_skipped'] }],
    ['m2zoom.SRT', { family: 'bracketed', points: 7113, home: { lat: 31.452012, lon: 74.398751 }, duration: 118.668, maxHeight: 52.26, maxDistance: 178.02, pathLength: 334, warnings: [] }],
    ['matrice_300.srt', { family: 'matrice', points: 381, home: { lat: 36.6146, lon: -6.112 }, duration: 381, maxHeight: 87.9, maxDistance: 400.17, pathLength: 1574.2, warnings: [] }],
    ['mavic_2_style.SRT', { family: 'bracketed', points: 468, home: { lat: -20.2533, lon: 149.0251 }, duration: 469, maxDistance: 330.61, pathLength: 2873.8, warnings: [] }],
    ['mavic_2pro_new.SRT', { family: 'bracketed', points: 8952, home: { lat: -35.080155, lon: -60.286702 }, duration: 369.88, maxDistance: 2547.65, pathLength: 4414.6, warnings: [] }],
    ['mavic_air.SRT', { family: 'camera-only', points: 2, duration: 0.079, pathLength: 0, warnings: ['no_gps'] }],
    ['mavic_air2.srt', { family: 'bracketed', points: 25, home: { lat: 41.420684, lon: 2.162162 }, duration: 0.416, maxHeight: 1.9, maxDistance: 0.22, pathLength: 0.2, warnings: [] }],
    ['mavic_mini.SRT', { family: 'single-line', points: 117, home: { lat: 48.0771, lon: -121.7458 }, duration: 117, maxHeight: 201, maxDistance: 305.73, pathLength: 318.6, warnings: [] }],
    ['mavic_pro.SRT', { family: 'phantom', points: 468, home: { lat: -20.2532, lon: 149.0251 }, duration: 469, maxHeight: 118.7, maxDistance: 324.38, pathLength: 2873.8, warnings: [] }],
    ['mavic_pro_buggy.SRT', { family: 'phantom', points: 546, home: { lat: 42.4668, lon: -1.2218 }, duration: 547, maxHeight: 119.6, maxDistance: 316.85, pathLength: 2195.6, warnings: [] }],
    ['mix_p4rtk_mavic2pro.srt', { family: 'single-line', points: 12, home: { lat: -34.650736, lon: -59.40788 }, duration: 910.276, maxHeight: 17.39, maxDistance: 163.71, pathLength: 122.1, warnings: [] }],
    ['old_format.SRT', { family: 'old-firmware', points: 468, home: { lat: -20.2532, lon: 149.0251 }, duration: 469, maxHeight: 118.7, maxDistance: 324.38, pathLength: 2873.8, warnings: [] }],
    ['p4_rtk.SRT', { family: 'single-line', points: 55, home: { lat: -34.232707, lon: -58.847509 }, duration: 55, maxHeight: 86.07, maxDistance: 698.7, pathLength: 662.5, warnings: [] }],
    ['p4p_sample.SRT', { family: 'single-line', points: 5, home: { lat: 47.4692, lon: 8.209 }, duration: 5, maxHeight: 45.6, maxDistance: 49.24, pathLength: 0, warnings: [] }],
  ] as const;
  it.each(FLIGHTS)('%s', (file, expected) => {
    const track = parse(file);
    expect({
      family: track.family,
      points: track.points.length,
      ...(track.home ? { home: track.home } : {}),
      duration: track.duration,
      ...(track.maxHeight !== undefined ? { maxHeight: track.maxHeight } : {}),
      ...(track.maxDistance !== undefined ? { maxDistance: track.maxDistance } : {}),
      pathLength: track.pathLength,
      warnings: track.warnings.map((w) => w.code),
    }).toEqual(expected);
  });

  /** Metres between nearby positions on a flat map (not the app's haversine): the same to well under a millimetre a step. */
  const flatMetres = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => {
    const rad = Math.PI / 180;
    return 6_371_000 * rad * Math.hypot(b.lat - a.lat, (b.lon - a.lon) * Math.cos(((a.lat + b.lat) / 2) * rad));
  };
  const largest = (text: string, pattern: RegExp) => Math.max(...[...text.matchAll(pattern)].map((m) => Number(m[1])));

  it.each(FLIGHTS)('%s: those facts agree with the file itself', (file, expected) => {
    const text = read(file);
    const timecodes = text.match(/ --> /g)?.length ?? 0;
    // A whole file with timecodes: one point a block.
    if (expected.warnings.length === 0 && timecodes > 0) expect(expected.points).toBe(timecodes);
    const located = parse(file).points.filter((p): p is typeof p & { lat: number; lon: number } => p.lat !== undefined && p.lon !== undefined);
    const path = located.slice(1).reduce((sum, p, i) => sum + flatMetres(located[i]!, p), 0);
    expect(Math.abs(path - expected.pathLength)).toBeLessThanOrEqual(0.05 + 1e-6 * path);
    // Single-line files say the distance (D) and height (H) themselves: the farthest and highest are the file's largest.
    if (expected.family === 'single-line' && /\bD [\d.]+m/.test(text)) {
      expect(expected.maxDistance).toBe(largest(text, /\bD ([\d.]+)m/g));
      expect(expected.maxHeight).toBe(largest(text, /\bH ([\d.]+)m/g));
    }
  });
});

describe('telemetry a teacher exports or cannot use', () => {
  it('says why a file cannot be used, with a reason the screen words in the teacher\'s language', () => {
    const problem = (text: string) => {
      try {
        parseSrt(text);
      } catch (error) {
        return (error as SrtError).problem;
      }
      return 'read';
    };
    expect(problem('')).toBe('empty');
    expect(problem('\uFEFF  \n\n \t\n')).toBe('empty');
    expect(problem('<font size="28"></font>\n')).toBe('empty');
    expect(problem('1\n00:00:00,000 --> 00:00:01,000\nabc\0def\n')).toBe('srt_binary');
    expect(problem('1\n00:00:01,000 --> 00:00:02,000\nHello there.\n')).toBe('srt_no_telemetry');
    expect(problem(read('p4p_sample.SRT'))).toBe('read');
    const tooBig = ' '.repeat(MAX_SRT_BYTES + 1);
    expect(problem(tooBig)).toBe('srt_too_large');
    expect(() => parseSrt(tooBig)).toThrow('the file is too large for a telemetry file (over 64 MB)');
    expect(problem(' '.repeat(MAX_SRT_BYTES))).toBe('empty');
  });

  it('exports the whole track as JSON, and the path as GeoJSON with home and the times of each position', () => {
    const track = parse('p4p_sample.SRT');
    expect(JSON.parse(formatTrack(track, 'json'))).toEqual(JSON.parse(JSON.stringify(track)));
    expect(formatTrack(track, 'json')).toContain('\n  "family": "single-line"');
    const geo = JSON.parse(formatTrack(track, 'geojson'));
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(2);
    expect(geo.features[0]).toMatchObject({
      type: 'Feature',
      properties: { family: 'single-line', duration: 5, maxHeight: 45.6, maxDistance: 49.24, times: [0, 1, 2, 3, 4] },
      geometry: { type: 'LineString' },
    });
    expect(geo.features[0].geometry.coordinates).toHaveLength(5);
    expect(geo.features[1]).toEqual({ type: 'Feature', properties: { name: 'home' }, geometry: { type: 'Point', coordinates: [8.209, 47.4692] } });
  });

  it('leaves positions without a fix out of the GeoJSON path, puts 0 for an unknown height, and has no home without GPS', () => {
    const text = [
      '1\n00:00:00,000 --> 00:00:01,000\n[iso : 100] [shutter : 1/240.0] [fnum : 280] [latitude : 0.000000] [longtitude : 0.000000]',
      '2\n00:00:01,000 --> 00:00:02,000\n[iso : 100] [shutter : 1/240.0] [fnum : 280] [latitude : 31.452012] [longtitude : 74.398751]',
      '3\n00:00:02,000 --> 00:00:03,000\n[iso : 100] [shutter : 1/240.0] [fnum : 280] [latitude : 31.452112] [longtitude : 74.398751]',
    ].join('\n\n');
    const geo = JSON.parse(formatTrack(parseSrt(text), 'geojson'));
    expect(geo.features[0].geometry.coordinates).toEqual([
      [74.398751, 31.452012, 0],
      [74.398751, 31.452112, 0],
    ]);
    expect(geo.features[0].properties.times).toEqual([1, 2]);
    const cameraOnly = JSON.parse(formatTrack(parse('mavic_air.SRT'), 'geojson'));
    expect(cameraOnly.features).toHaveLength(1);
    expect(cameraOnly.features[0].geometry.coordinates).toEqual([]);
  });

  it('writes one CSV row a block, with empty cells for what the file does not say and quotes where a cell needs them', () => {
    const csv = formatTrack(parse('mavic_air.SRT'), 'csv').split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toBe('0,2018-02-19T08:04:51.265,,,,,,,,100,1/240,2.8,0,');
    const track = parse('p4p_sample.SRT');
    track.points[0]!.camera.ev = '-1/3, "auto"';
    expect(formatTrack(track, 'csv').split('\n')[1]).toContain(',"-1/3, ""auto""",');
  });
});
