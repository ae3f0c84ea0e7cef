import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { createDispatcher } from '../../src/handlers/dispatch';
import { contract } from '../../src/shared/contract';
import { createHandlers } from '../../src/handlers';
import { LATEST_SCHEMA_VERSION } from '../../src/core/db/migrations';
import { tempDir } from '../support/temp';

function setup() {
  const core = createCore({ dataDir: tempDir() });
  const dispatch = createDispatcher(core);
  const session = core.sessions.create();
  return { core, dispatch, session, call: (method: string, input?: unknown) => dispatch(method, input, { session }) };
}

describe('the dispatcher both hosts call', () => {
  it('has a handler for every contract method and nothing else', () => {
    const { core } = setup();
    expect(Object.keys(createHandlers(core)).sort()).toEqual(Object.keys(contract).sort());
    core.close();
  });

  it('answers a known method with its result', async () => {
    const { core, call, session } = setup();
    const envelope = await call('app.health');
    expect(envelope).toMatchObject({ ok: true, result: { ok: true, dbSchemaVersion: LATEST_SCHEMA_VERSION } });
    expect(envelope).not.toHaveProperty('result.dataDir'); // pupils are not shown where the data lives
    core.sessions.setRole(session.id, 'teacher');
    expect(await call('app.health')).toMatchObject({ ok: true, result: { dataDir: core.layout.root, warnings: [] } });
    core.close();
  });

  it('refuses an unknown method with a stable code', async () => {
    const { core, call } = setup();
    expect(await call('app.format_disk')).toEqual({ ok: false, error: { code: 'unknown_method', message: 'There is no method called "app.format_disk".' } });
    expect(await call('__proto__')).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    core.close();
  });

  it('refuses input that breaks the schema, naming where', async () => {
    const { core, call } = setup();
    const envelope = await call('auth.setLanguage', { language: 'fr' });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('invalid_input');
    expect(envelope.error.issues?.[0]?.path).toBe('/language');
    expect(envelope.error.message).toMatch(/^\/language: /);
    // A nested field is named by its whole path, and each problem is in the message.
    const nested = await call('pupils.signIn', { pupilId: 5, pictures: ['cat', 7] });
    if (nested.ok) throw new Error('a broken sign-in was accepted');
    expect(nested.error.issues?.map((i) => i.path)).toEqual(['/pupilId', '/pictures/1']);
    expect(nested.error.message.split('; ')).toHaveLength(nested.error.issues!.length);
    for (const issue of nested.error.issues!) expect(nested.error.message).toContain(`${issue.path}: ${issue.message}`);
    expect(await call('auth.setLanguage', { language: 'en', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    core.close();
  });

  it('checks the role in the handler layer, not only in the UI', async () => {
    const { core, call, session } = setup();
    expect(await call('settings.update', { schoolName: 'x' })).toEqual({ ok: false, error: { code: 'forbidden', message: 'This needs the teacher to sign in with the PIN.' } });
    expect(core.settings.get().schoolName).toBe('');
    await call('auth.setPin', { pin: '2468' });
    expect(session.role).toBe('teacher');
    expect(await call('settings.update', { schoolName: '青山小学' })).toMatchObject({ ok: true, result: { schoolName: '青山小学' } });
    await call('auth.signOut');
    expect(await call('settings.update', { schoolName: 'y' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    core.close();
  });

  it('emits settings.changed to listeners when settings change', async () => {
    const { core, call } = setup();
    const seen: unknown[] = [];
    core.events.subscribe((name, payload) => seen.push([name, payload]));
    await call('auth.setPin', { pin: '2468' });
    await call('settings.update', { language: 'en' });
    expect(seen).toEqual([['settings.changed', expect.objectContaining({ language: 'en' })]]);
    core.close();
  });

  it("keeps a pupil's language to their session: it ends at sign-out and never changes the PC's", async () => {
    const { core, call, session } = setup();
    expect(await call('auth.setLanguage', { language: 'en' })).toMatchObject({ ok: true, result: { language: 'en' } });
    expect(core.settings.get().language).toBe('zh-CN');
    expect(await call('auth.session')).toMatchObject({ result: { language: 'en' } });
    await call('pupils.signOut');
    expect(await call('auth.session')).toMatchObject({ result: { language: null } });
    // Leaving teacher mode hands the PC back to the pupils: nobody signed in, the PC's language.
    await call('auth.setLanguage', { language: 'en' });
    await call('auth.setPin', { pin: '2468' });
    await call('pupils.signInGuest');
    await call('auth.signOut');
    expect(session.role).toBe('pupil');
    expect(session.pupil).toEqual({ mode: 'none' });
    expect(await call('auth.session')).toMatchObject({ result: { language: null } });
    core.close();
  });

  it('turns an unexpected failure into an "internal" error without a stack', async () => {
    const { core, call } = setup();
    core.db.close(); // any call that touches the database now throws a plain Error
    const envelope = await call('auth.session');
    expect(envelope).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong inside the app. The details are in the log.' } });
    // The log keeps what the envelope leaves out: which method, and the stack.
    const lines = fs.readFileSync(path.join(core.layout.logs, 'kite.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines.at(-1)).toMatchObject({ level: 'error', message: 'unexpected error in handler', method: 'auth.session', error: expect.stringContaining('\n    at ') });
  });
});
