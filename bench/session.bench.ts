import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { median, withBudget, type Bench, type BenchResult } from './lib';

const ROOT = path.join(import.meta.dirname, '..');
const PUPILS = 40;
const STEP_CHANGES = 30;
const LESSON = { packId: 'org.kiteclassroom.wise-kids', lessonId: 'codes-and-qr' };

/** One window of the app: its own session cookie, as a browser keeps it. */
function client(base: string) {
  let cookie = '';
  return {
    get cookie() {
      return cookie;
    },
    async call<T>(method: string, input: unknown = {}): Promise<T> {
      const response = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify(input) });
      cookie ||= (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const envelope = (await response.json()) as { ok: boolean; result: T; error?: unknown };
      if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
      return envelope.result;
    },
  };
}

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

async function startServe(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/kite.js'), 'serve', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kite serve did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      const match = /running at (http:\/\/\S+?)\/? /.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
  });
  return { url, child };
}

const peakRssMiB = (pid: number) => {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return hwm ? +(Number(hwm[1]) / 1024).toFixed(1) : NaN;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)] as number;

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
      const teacher = client(url);
      await teacher.call('auth.setPin', { pin: '2468' });
      await teacher.call('auth.teacherSignIn', { pin: '2468' });
      const cls = await teacher.call<{ id: string }>('classes.create', { name: 'Bench class', grade: 3 });
      const pupils = [];
      for (let i = 0; i < PUPILS; i++) {
        const brief = await teacher.call<{ id: string }>('pupils.add', { classId: cls.id, name: `Pupil ${i + 1}` });
        const pupil = client(url);
        await pupil.call('pupils.signIn', { pupilId: brief.id });
        pupils.push(pupil);
      }
      await teacher.call('session.start', { classId: cls.id, ...LESSON, mode: 'follow' });

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
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const [, pupilCookie] = (pupils[0]?.cookie ?? '').split('=');
      await context.addCookies([{ name: 'kite_session', value: pupilCookie ?? '', url }]);
      const page = await context.newPage();
      await page.goto(url);
      await page.locator('.progress-path').waitFor();
      await page.waitForTimeout(500);
      const jpeg = await page.screenshot({ type: 'jpeg', quality: 80 });

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
