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
    expect(await call('app.format_disk')).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await call('__proto__')).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    core.close();
  });

  it('refuses input that breaks the schema, naming where', async () => {
    const { core, call } = setup();
    const envelope = await call('settings.setLanguage', { language: 'fr' });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('invalid_input');
    expect(envelope.error.issues?.[0]?.path).toBe('/language');
    expect(await call('settings.setLanguage', { language: 'en', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    core.close();
  });

  it('checks the role in the handler layer, not only in the UI', async () => {
    const { core, call, session } = setup();
    expect(await call('settings.update', { schoolName: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
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
    await call('settings.setLanguage', { language: 'en' });
    expect(seen).toEqual([['settings.changed', expect.objectContaining({ language: 'en' })]]);
    core.close();
  });

  it('turns an unexpected failure into an "internal" error without a stack', async () => {
    const { core, call } = setup();
    core.db.close(); // any call that touches the database now throws a plain Error
    const envelope = await call('auth.session');
    expect(envelope).toEqual({ ok: false, error: { code: 'internal', message: expect.not.stringContaining('at ') } });
  });
});
