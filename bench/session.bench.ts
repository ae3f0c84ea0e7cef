import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { median, withBudget, type Bench, type BenchResult } from './lib';
import { client, peakRssMiB, percentile, pupilScreenJpeg, startServe, teacherWithClass } from './serve';

const PUPILS = 40;
const STEP_CHANGES = 30;
export const LESSON = { packId: 'org.kiteclassroom.wise-kids', lessonId: 'codes-and-qr' };

/** An SSE stream opened with a window's cookie; calls `onFrame` with each session.state frame (raw bytes as sent). */
function openStream(base: string, cookie: string, onFrame: (frame: string) => void): Promise<http.ClientRequest> {
  return new Promise((resolve) => {
    const request = http.get(`${base}/api/events`, { headers: { Cookie: cookie, Accept: 'text/event-stream' } }, (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end + 2);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith('event: session.state')) onFrame(frame);
        }
      });
      resolve(request);
    });
  });
}

/**
 * The live session pushes state, not pictures: the bytes of one follow-me step change on the wire
 * (the SSE frame every pupil screen receives) against one 1366×768 JPEG of a pupil's screen
 * (Chromium's screenshot, what a screen-broadcasting classroom tool sends per frame); and the
 * step-push latency from the teacher's call to each of 40 pupil screens' streams on one `kite serve`.
 */
export const session: Bench = {
  name: 'session',
  async run() {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-session-'));
    const { url, child } = await startServe(dataDir);
    const streams: http.ClientRequest[] = [];
    const browser = await chromium.launch({ executablePath: process.env.KITE_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    try {
      const { teacher, classId, pupilIds } = await teacherWithClass(url, PUPILS);
      const pupils = [];
      for (const pupilId of pupilIds) {
        const pupil = client(url);
        await pupil.call('pupils.signIn', { pupilId });
        pupils.push(pupil);
      }
      await teacher.call('session.start', { classId, ...LESSON, mode: 'follow' });

      // 40 pupil screens listening; each step change is timed from the teacher's call to every screen's frame.
      let waiting: { step: number; started: number; seen: number; resolve: () => void } | undefined;
      const latencies: number[] = [];
      const frames: string[] = [];
      for (const pupil of pupils) {
        streams.push(
          await openStream(url, pupil.cookie, (frame) => {
            frames.push(frame);
            if (!waiting || !frame.includes(`"index":${waiting.step},`)) return;
            latencies.push(performance.now() - waiting.started);
            if (++waiting.seen === PUPILS) waiting.resolve();
          }),
        );
      }
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < STEP_CHANGES; i++) {
        const step = (i % 9) + 1;
        await teacher.call('session.goToStep', { index: 0 });
        await new Promise<void>((resolve) => {
          waiting = { step, started: performance.now(), seen: 0, resolve };
          void teacher.call('session.goToStep', { index: step });
        });
        waiting = undefined;
      }
      const stepFrame = frames.find((f) => f.includes('"index":1,')) ?? '';
      const frameBytes = Buffer.byteLength(stepFrame);

      // One JPEG frame of the same pupil screen, as Chromium captures it.
      const jpeg = await pupilScreenJpeg(browser, url, pupils[0]?.cookie ?? '');

      const results: BenchResult[] = [
        {
          name: 'follow-me-step-bytes-vs-jpeg-frame',
          value: frameBytes,
          unit: 'bytes',
          baseline: { name: '1366x768 JPEG q80 of the pupil screen', value: jpeg.length },
          ratio: +(frameBytes / jpeg.length).toFixed(5),
          notes: `one SSE frame (session.state) per pupil screen; the JPEG is ${(jpeg.length / frameBytes).toFixed(0)}× bigger`,
        },
        withBudget({ name: 'step-push-latency-p50', value: +median(latencies).toFixed(1), unit: 'ms', notes: `${PUPILS} SSE pupil screens on one kite serve, ${STEP_CHANGES} step changes` }, 250),
        withBudget({ name: 'step-push-latency-p95', value: +percentile(latencies, 95).toFixed(1), unit: 'ms', notes: `${latencies.length} deliveries` }, 250),
        withBudget({ name: 'hub-peak-rss', value: peakRssMiB(child.pid as number), unit: 'MiB', notes: `kite serve with ${PUPILS} pupil streams` }, 300),
      ];
      return results;
    } finally {
      for (const s of streams) s.destroy();
      await browser.close();
      child.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
