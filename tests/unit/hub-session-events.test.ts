import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { post, startTestServer } from '../support/server';
import { buildFixturePack } from '../support/packs';
import { tempDir } from '../support/temp';

/** A window of the browser host: a session cookie, its calls and its event stream (names of the events it got). */
async function windowOf(base: string) {
  const first = await post(base, 'auth.session', '{}');
  const cookie = String(first.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  const call = async (method: string, input: unknown = {}) => {
    const response = await post(base, method, JSON.stringify(input), { cookie });
    const envelope = JSON.parse(response.text) as { ok: boolean; result: unknown; error?: unknown };
    if (!envelope.ok) throw new Error(`${method}: ${JSON.stringify(envelope.error)}`);
    return envelope.result as Record<string, unknown>;
  };
  const received: { name: string; data: string }[] = [];
  const stream = http.get(`${base}/api/events`, { headers: { cookie } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      for (const frame of chunk.split('\n\n')) {
        const name = /^event: (\S+)/m.exec(frame)?.[1];
        if (name) received.push({ name, data: /^data: (.*)$/m.exec(frame)?.[1] ?? '' });
      }
    });
  });
  await new Promise((r) => setTimeout(r, 50));
  return { call, received, close: () => stream.destroy() };
}

describe('live session events through the browser host', () => {
  it('pupils get the class state but never the teacher dashboard with names and answers', async () => {
    const { core, base } = await startTestServer();
    await core.packs.install(await buildFixturePack(tempDir()), { trustConfirmed: true });
    const teacher = await windowOf(base);
    await teacher.call('auth.setPin', { pin: '2468' });
    await teacher.call('auth.teacherSignIn', { pin: '2468' });
    const signedIn = teacher;
    const cls = await signedIn.call('classes.create', { name: '一班', grade: 3 });
    const pupilBrief = await signedIn.call('pupils.add', { classId: cls.id, name: '小明' });
    const pupil = await windowOf(base);
    await pupil.call('pupils.signIn', { pupilId: pupilBrief.id });

    await signedIn.call('session.start', { classId: cls.id, packId: 'org.example.test-pack', lessonId: 'first-lesson' });
    await pupil.call('session.raiseHand', { up: true });
    await new Promise((r) => setTimeout(r, 100));

    expect(signedIn.received.map((e) => e.name)).toContain('session.dashboard');
    expect(pupil.received.map((e) => e.name)).toContain('session.state');
    expect(pupil.received.map((e) => e.name)).not.toContain('session.dashboard');
    expect(pupil.received.map((e) => e.data).join('')).not.toContain('小明');
    await expect(pupil.call('session.dashboard')).rejects.toThrow(/forbidden/);
    signedIn.close();
    pupil.close();
  });
});
