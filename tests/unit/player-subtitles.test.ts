import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isVtt, srtToVtt } from '../../src/shared/pack';

describe('SRT to WebVTT', () => {
  it('converts cues: numbers dropped, commas in times become dots, lines kept', () => {
    const srt = '\uFEFF1\r\n00:00:01,000 --> 00:00:03,500\r\n不要把密码\r\n告诉别人\r\n\r\n2\r\n00:00:04,250 --> 00:00:06,000\r\nKeep it <secret> & safe\r\n';
    expect(srtToVtt(srt)).toBe('WEBVTT\n\n00:00:01.000 --> 00:00:03.500\n不要把密码\n告诉别人\n\n00:00:04.250 --> 00:00:06.000\nKeep it &lt;secret> &amp; safe\n');
  });

  it('pads short times and accepts a missing cue number', () => {
    expect(srtToVtt('0:0:1,5 --> 0:0:2,25\nhi\n')).toBe('WEBVTT\n\n00:00:01.500 --> 00:00:02.250\nhi\n');
  });

  it('drops broken cues and keeps the good ones', () => {
    const srt = '1\nnot a time\ntext\n\n2\n00:00:01,000 --> 00:00:02,000\n\n3\n00:00:02,000 --> 00:00:03,000\nok --> fine\n\ngarbage';
    expect(srtToVtt(srt)).toBe('WEBVTT\n\n00:00:02.000 --> 00:00:03.000\nok → fine\n');
    expect(srtToVtt('')).toBe('WEBVTT\n\n');
  });

  it('tells VTT from SRT', () => {
    expect(isVtt('WEBVTT\n\n00:00.000 --> 00:01.000\nx')).toBe(true);
    expect(isVtt('\uFEFFWEBVTT')).toBe(true);
    expect(isVtt('1\n00:00:01,000 --> 00:00:02,000\nx')).toBe(false);
  });

  it('reads the real DJI drone sidecar files (telemetry SRT) without throwing', () => {
    const dir = path.join(__dirname, '../fixtures/dji-srt');
    const files = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.srt$/i.test(f)) : [];
    for (const file of files) {
      const vtt = srtToVtt(fs.readFileSync(path.join(dir, file), 'utf8'));
      expect(vtt.startsWith('WEBVTT\n'), file).toBe(true);
      expect(vtt, file).not.toMatch(/\d,\d{3} -->/);
    }
  });
});
