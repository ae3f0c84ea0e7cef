import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { createDispatcher } from '../../src/handlers/dispatch';
import { afterRendererCrash, blockedShortcut, EXIT_GESTURE, registerCornerTap, type KeyInput } from '../../src/shared/kiosk';
import { startupWarning } from '../../src/shared/warnings';
import { tempDir } from '../support/temp';

const ctrl = (key: string, extra: Partial<KeyInput> = {}): KeyInput => ({ key, code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : undefined, control: true, ...extra });

describe('which keys kiosk mode blocks', () => {
  it.each([
    ['Ctrl+R', ctrl('r'), 'reload'],
    ['Ctrl+Shift+R', ctrl('R', { shift: true }), 'reload'],
    ['F5', { key: 'F5', code: 'F5' }, 'reload'],
    ['Ctrl+F5', ctrl('F5'), 'reload'],
    ['Ctrl+Shift+I', ctrl('I', { shift: true }), 'devtools'],
    ['Ctrl+Shift+J', ctrl('J', { shift: true }), 'devtools'],
    ['Ctrl+Shift+C', ctrl('C', { shift: true }), 'devtools'],
    ['Cmd+Alt+I', { key: 'i', code: 'KeyI', meta: true, alt: true }, 'devtools'],
    ['F12', { key: 'F12' }, 'devtools'],
    ['Ctrl+W', ctrl('w'), 'close'],
    ['Ctrl+Q', ctrl('q'), 'close'],
    ['Ctrl+F4', ctrl('F4'), 'close'],
    ['Alt+F4', { key: 'F4', alt: true }, 'close'],
    ['Ctrl+=', ctrl('=', { code: 'Equal' }), 'zoom'],
    ['Ctrl+Shift+= (Ctrl++)', ctrl('+', { code: 'Equal', shift: true }), 'zoom'],
    ['Ctrl+-', ctrl('-', { code: 'Minus' }), 'zoom'],
    ['Ctrl+0', ctrl('0', { code: 'Digit0' }), 'zoom'],
    ['Ctrl+numpad +', ctrl('+', { code: 'NumpadAdd' }), 'zoom'],
    ['ZoomIn key', { key: 'ZoomIn' }, 'zoom'],
    ['Alt+Left', { key: 'ArrowLeft', alt: true }, 'navigation'],
    ['Alt+Right', { key: 'ArrowRight', alt: true }, 'navigation'],
    ['Alt+Home', { key: 'Home', alt: true }, 'navigation'],
    ['BrowserBack key', { key: 'BrowserBack' }, 'browser-key'],
    ['Ctrl+P', ctrl('p'), 'print'],
    ['Ctrl+N', ctrl('n'), 'new-window'],
    ['Ctrl+T', ctrl('t'), 'new-window'],
    ['Ctrl+Shift+N', ctrl('N', { shift: true }), 'new-window'],
    ['F11', { key: 'F11' }, 'fullscreen'],
    ['F7 (caret browsing)', { key: 'F7' }, 'shortcut'],
    ['Alt+Space (window menu)', { key: ' ', code: 'Space', alt: true }, 'window-menu'],
    ['Ctrl+S', ctrl('s'), 'shortcut'],
    ['Ctrl+U (view source)', ctrl('u'), 'shortcut'],
    ['Ctrl+Tab', ctrl('Tab'), 'shortcut'],
    ['Cmd+R on a Mac', { key: 'r', code: 'KeyR', meta: true }, 'reload'],
    ['Ctrl+R on a Russian layout (key "к")', { key: 'к', code: 'KeyR', control: true }, 'reload'],
  ] as const)('blocks %s', (_name, input, reason) => {
    expect(blockedShortcut(input)).toBe(reason);
  });

  it.each([
    ['a letter', { key: 'a', code: 'KeyA' }],
    ['Shift+A', { key: 'A', code: 'KeyA', shift: true }],
    ['Enter', { key: 'Enter' }],
    ['Tab', { key: 'Tab' }],
    ['Escape (leaves video fullscreen)', { key: 'Escape' }],
    ['Backspace', { key: 'Backspace' }],
    ['arrow keys', { key: 'ArrowLeft' }],
    ['Ctrl+C', ctrl('c')],
    ['Ctrl+V', ctrl('v')],
    ['Ctrl+X', ctrl('x')],
    ['Ctrl+A', ctrl('a')],
    ['Ctrl+Z', ctrl('z')],
    ['Ctrl+Shift+Z (redo)', ctrl('Z', { shift: true })],
    ['Ctrl+Backspace', ctrl('Backspace')],
    ['Ctrl+Space (switch input method)', ctrl(' ')],
    ['Ctrl+Shift (switch input method)', { key: 'Shift', control: true, shift: true }],
    ['Alt on its own', { key: 'Alt', alt: true }],
    ['Alt+Shift (switch keyboard layout)', { key: 'Shift', alt: true, shift: true }],
  ] as const)('lets %s through', (_name, input) => {
    expect(blockedShortcut(input)).toBeUndefined();
  });
});

describe('the teacher\'s corner gesture', () => {
  const corner = (time: number) => ({ x: 10, y: 12, time });

  it('opens after 5 taps in the top-left corner within 3 seconds', () => {
    let history: number[] = [];
    for (let i = 0; i < 4; i++) {
      const step = registerCornerTap(history, corner(i * 500));
      expect(step.triggered).toBe(false);
      history = step.history;
    }
    const last = registerCornerTap(history, corner(2000));
    expect(last).toEqual({ history: [], triggered: true });
  });

  it('does not open when the taps are too slow', () => {
    let history: number[] = [];
    let triggered = false;
    for (let i = 0; i < 5; i++) ({ history, triggered } = registerCornerTap(history, corner(i * 800)));
    expect(triggered).toBe(false);
    expect(history.length).toBeLessThan(EXIT_GESTURE.taps);
  });

  it('starts over when a tap lands outside the corner', () => {
    let history: number[] = [];
    for (let i = 0; i < 4; i++) history = registerCornerTap(history, corner(i * 100)).history;
    history = registerCornerTap(history, { x: 400, y: 300, time: 450 }).history;
    expect(history).toEqual([]);
    expect(registerCornerTap(history, corner(500)).triggered).toBe(false);
  });

  it('ignores taps just outside the corner square', () => {
    expect(registerCornerTap([1, 2, 3, 4], { x: EXIT_GESTURE.cornerPx + 1, y: 5, time: 5 })).toEqual({ history: [], triggered: false });
  });
});

describe('renderer crash recovery', () => {
  it('reloads after a crash, but stops after the fourth crash within a minute', () => {
    let crashes: number[] = [];
    const reloads = [0, 1000, 2000, 3000].map((t) => {
      const next = afterRendererCrash(crashes, t);
      crashes = next.crashes;
      return next.reload;
    });
    expect(reloads).toEqual([true, true, true, false]);
    expect(afterRendererCrash(crashes, 120_000)).toEqual({ crashes: [120_000], reload: true });
  });
});

describe('kiosk.exit (the teacher PIN flow)', () => {
  function setup() {
    const core = createCore({ dataDir: tempDir() });
    const dispatch = createDispatcher(core);
    const session = core.sessions.create();
    const call = (method: string, input: unknown = {}) => dispatch(method, input, { session });
    return { core, call };
  }

  it('answers in a browser that kiosk exit only applies in the desktop app, without spending a PIN try', async () => {
    const { core, call } = setup();
    core.pin.set('2468');
    expect(await call('kiosk.status')).toEqual({ ok: true, result: { desktop: false, kiosk: false } });
    const result = await call('kiosk.exit', { pin: '0000' });
    expect(result).toMatchObject({ ok: false, error: { code: 'kiosk_unavailable', message: 'Leaving kiosk mode only applies in the desktop app.' } });
    expect(await call('auth.teacherSignIn', { pin: '9999' })).toMatchObject({ error: { details: { triesLeft: 4 } } });
    core.close();
  });

  it('leaves kiosk mode only with the right teacher PIN', async () => {
    const { core, call } = setup();
    core.pin.set('2468');
    let exits = 0;
    core.desktop.attach({ kiosk: true, exitKiosk: () => exits++, gpuInfo: () => ({ featureStatus: {}, devices: [] }) });
    expect(await call('kiosk.status')).toEqual({ ok: true, result: { desktop: true, kiosk: true } });
    expect(await call('kiosk.exit', { pin: '1357' })).toMatchObject({ ok: false, error: { code: 'pin_wrong' } });
    expect(exits).toBe(0);
    expect(await call('kiosk.exit', { pin: '2468' })).toEqual({ ok: true, result: { exiting: true } });
    expect(exits).toBe(1);
    core.close();
  });

  it('locks after 5 wrong PINs like the teacher sign-in', async () => {
    const { core, call } = setup();
    core.pin.set('2468');
    let exits = 0;
    core.desktop.attach({ kiosk: true, exitKiosk: () => exits++, gpuInfo: () => ({ featureStatus: {}, devices: [] }) });
    for (let i = 0; i < 5; i++) await call('kiosk.exit', { pin: '0000' });
    expect(await call('kiosk.exit', { pin: '2468' })).toMatchObject({ ok: false, error: { code: 'pin_locked' } });
    expect(exits).toBe(0);
    core.close();
  });

  it('puts a note from the shell (a crashed screen) into health warnings', () => {
    const { core } = setup();
    const note = startupWarning('screen_restarted', { when: '09:30' }, 'The screen stopped (crashed, code 1) and was restarted on the first screen.');
    core.desktop.note(note);
    expect(core.health().warnings).toEqual([note]);
    core.close();
  });
});
