import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attempt } from '../support/progress';
import { post, request, startTestServer } from '../support/server';
import { buildFixturePack } from '../support/packs';
import { tempDir } from '../support/temp';
import { SESSION_LIMITS } from '../../src/core/auth/sessions';
import { events, eventVisibleTo, type EventName } from '../../src/shared/contract';

/** Hostile requests to the browser host: each gets a 4xx with a code, never a 5xx or a stack, and nothing is logged as a crash. */
describe('the browser host under hostile requests', () => {
  const logText = (dataDir: string) => {
    const file = path.join(dataDir, 'logs', 'kite.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  };

  it('answers an answer nested 10,000 arrays deep with 400, from any session', async () => {
    const { base, core } = await startTestServer();
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const body = JSON.stringify(attempt('q1', true)).replace('{"chosen":["a"]}', deep);
    const res = await post(base, 'attempts.record', body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/answer: .*deep/) } });
    expect(res.text).not.toMatch(/\n\s+at /);
    expect(logText(core.layout.root)).not.toMatch(/unexpected error|Maximum call stack/);
  });

  it('answers broken percent-encoding in the API path with 400', async () => {
    const { base, core } = await startTestServer();
    for (const method of ['%', '%E0%A4%A', 'app.health%']) {
      const res = await post(base, method, '{}');
      expect(res.status, method).toBe(400);
      expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(logText(core.layout.root)).not.toMatch(/request failed/);
  });
});

/** Read an event stream until `until` arrives; return everything it said. */
function readEvents(base: string, cookie: string | undefined, until: string, start: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/events`, { headers: cookie ? { cookie } : {} }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes(': connected')) start();
        if (text.includes(`event: ${until}`)) {
          res.destroy();
          resolve(text);
        }
      });
    });
    req.on('error', reject);
  });
}

const cookieOf = (res: { headers: http.IncomingHttpHeaders }) => (res.headers['set-cookie']?.[0] ?? '').split(';')[0] as string;

describe('events and health reach only the roles that may see them', () => {
  it('names the role of every event in the contract: jobs, the live grid and the session dashboard are the teacher\'s', () => {
    const teacherOnly = Object.entries(events).filter(([, spec]) => spec.role === 'teacher').map(([name]) => name);
    expect(teacherOnly.sort()).toEqual(['jobs.finished', 'jobs.progress', 'progress.changed', 'room.content', 'session.dashboard']);
    for (const name of Object.keys(events) as EventName[]) expect(eventVisibleTo(name, 'teacher')).toBe(true);
    expect(eventVisibleTo('jobs.progress', 'pupil')).toBe(false);
  });

  it('sends the teacher import events to the teacher stream only', async () => {
    const { base, core } = await startTestServer();
    const teacher = cookieOf(await post(base, 'auth.setPin', '{"pin":"2468"}'));
    const pupil = cookieOf(await post(base, 'auth.session', '{}'));
    const emit = () => {
      const progress = { importId: 'i1', filesDone: 1, filesTotal: 2, bytesDone: 1, bytesTotal: 2, etaSeconds: null, current: '/media/teacher/usb/DJI_0001.MP4' };
      core.events.emit('jobs.progress', { jobId: 'i1', kind: 'media.import', status: 'running', startedAt: '', finishedAt: null, error: null, result: null, progress });
      core.events.emit('packs.changed', { packId: 'org.example.test-pack' });
    };
    let ready = 0;
    const all = () => ++ready === 3 && emit();
    const [forPupil, forTeacher, forStranger] = await Promise.all([
      readEvents(base, pupil, 'packs.changed', all),
      readEvents(base, teacher, 'packs.changed', all),
      readEvents(base, undefined, 'packs.changed', all),
    ]);
    expect(forTeacher).toContain('event: jobs.progress');
    expect(forTeacher).toContain('DJI_0001.MP4');
    for (const text of [forPupil, forStranger]) {
      expect(text).toContain('event: packs.changed');
      expect(text).not.toContain('jobs.progress');
      expect(text).not.toContain('/media/teacher');
    }
  });

  it('stops sending teacher events when the teacher signs out', async () => {
    const { base, core } = await startTestServer();
    const teacher = cookieOf(await post(base, 'auth.setPin', '{"pin":"2468"}'));
    let connected!: () => void;
    const open = new Promise<void>((resolve) => (connected = resolve));
    const stream = readEvents(base, teacher, 'packs.changed', () => connected());
    await open;
    await post(base, 'auth.signOut', '{}', { cookie: teacher });
    core.events.emit('jobs.progress', { jobId: 'i2', kind: 'packs.import', status: 'running', startedAt: '', finishedAt: null, error: null, result: null, progress: { bytesDone: 1, bytesTotal: 2 } });
    core.events.emit('packs.changed', { packId: 'org.example.test-pack' });
    const text = await stream;
    expect(text).not.toContain('jobs.progress');
  });

  it('shows pupils no data path or warnings in app.health; the teacher sees them', async () => {
    const { base, core } = await startTestServer();
    const pupil = JSON.parse((await post(base, 'app.health', '{}')).text).result;
    expect(pupil).toMatchObject({ ok: true, appVersion: expect.any(String) });
    expect(pupil).not.toHaveProperty('dataDir');
    expect(pupil).not.toHaveProperty('warnings');
    expect(JSON.stringify(pupil)).not.toContain(core.layout.root);
    const teacher = cookieOf(await post(base, 'auth.setPin', '{"pin":"2468"}'));
    expect(JSON.parse((await post(base, 'app.health', '{}', { cookie: teacher })).text).result).toMatchObject({ dataDir: core.layout.root, warnings: [] });
  });
});

describe('sessions are bounded', () => {
  it('makes no session for script files and pack files, and caps the ones API calls make', async () => {
    const { base, core } = await startTestServer();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const hit = (url: string, method = 'GET') =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(url, { agent, method, headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(method === 'POST' ? '{}' : undefined);
      });
    for (let i = 0; i < 200; i++) await Promise.all(Array.from({ length: 10 }, (_, j) => hit(`${base}/${j % 2 ? `assets/app-${i}.js` : `packs/x/1.0.0/media/${i}.png`}`)));
    expect(core.sessions.size()).toBe(0);
    for (let i = 0; i < 250; i++) await Promise.all(Array.from({ length: 10 }, () => hit(`${base}/api/auth.session`, 'POST')));
    expect(core.sessions.size()).toBe(SESSION_LIMITS.max);
    agent.destroy();
  });
});

describe('the teacher PIN over HTTP', () => {
  it('5 wrong PINs from one window do not keep the teacher out at another', async () => {
    const { base } = await startTestServer();
    const setup = cookieOf(await post(base, 'auth.setPin', '{"pin":"2468"}'));
    await post(base, 'auth.signOut', '{}', { cookie: setup });
    const pupil = cookieOf(await post(base, 'auth.session', '{}'));
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push(JSON.parse((await post(base, 'auth.teacherSignIn', '{"pin":"0000"}', { cookie: pupil })).text).error.code);
    expect(codes).toEqual(['pin_wrong', 'pin_wrong', 'pin_wrong', 'pin_wrong', 'pin_locked']);
    const stillLocked = await post(base, 'auth.teacherSignIn', '{"pin":"2468"}', { cookie: pupil });
    expect(stillLocked.status).toBe(429);
    const teacher = cookieOf(await post(base, 'auth.session', '{}'));
    const signIn = await post(base, 'auth.teacherSignIn', '{"pin":"2468"}', { cookie: teacher });
    expect(signIn.status).toBe(200);
    expect(JSON.parse(signIn.text).result).toMatchObject({ role: 'teacher', lockedForSeconds: 0 });
    expect(JSON.parse((await post(base, 'auth.session', '{}', { cookie: pupil })).text).result).toMatchObject({ role: 'pupil', lockedForSeconds: expect.any(Number) });
  });

  it('refuses a weak PIN with its own code, and sets nothing', async () => {
    const { base, core } = await startTestServer();
    const res = await post(base, 'auth.setPin', '{"pin":"123456"}');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ ok: false, error: { code: 'pin_too_weak' } });
    expect(core.pin.isSet()).toBe(false);
  });
});

describe('pack files are data, never script', () => {
  it('serves pack pictures with a sandboxing CSP and nosniff, and nothing a browser would run', async () => {
    const { base, core } = await startTestServer();
    await core.packs.install(await buildFixturePack(tempDir()), { trustConfirmed: true });
    const dir = core.packs.installedDir('org.example.test-pack', '1.0.0') as string;
    // As if an older version of the app had let them in.
    const scripts = ['page.html', 'page.HTM', 'app.js', 'app.mjs', 'page.xhtml', 'data.xml', 'noext', 'style.css', 'notes.txt', 'data.json'];
    for (const name of scripts) fs.writeFileSync(path.join(dir, 'media', name), '<script>alert(1)</script>');
    const svg = await request(`${base}/packs/org.example.test-pack/1.0.0/media/cover.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    expect(svg.headers['content-security-policy']).not.toMatch(/script-src/);
    expect(svg.headers['x-content-type-options']).toBe('nosniff');
    expect(svg.headers['set-cookie']).toBeUndefined();
    for (const name of scripts) {
      const res = await request(`${base}/packs/org.example.test-pack/1.0.0/media/${name}`);
      expect(res.status, name).toBe(404);
      expect(res.text, name).not.toContain('<script>');
    }
  });
});
