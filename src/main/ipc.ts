import { ipcMain, type WebContents } from 'electron';
import type { Core } from '../core';
import type { Session } from '../core/auth/sessions';
import { createDispatcher } from '../handlers/dispatch';
import { isAppUrl } from './protocol';

export const INVOKE_CHANNEL = 'kite:invoke';
export const EVENT_CHANNEL = 'kite:event';

/**
 * The IPC transport: same dispatcher as the browser host. Only our own top frame, loaded from
 * kite://app, may call; each window has its own session (pupil until the teacher PIN).
 */
export function bindIpc(core: Core): void {
  const dispatch = createDispatcher(core);
  const sessions = new Map<number, Session>();

  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url)) {
      core.log.warn('IPC call from an unexpected frame refused', { url: frame?.url });
      return { ok: false, error: { code: 'forbidden', message: 'Calls are only accepted from the app itself.' } };
    }
    if (typeof method !== 'string') return { ok: false, error: { code: 'bad_request', message: 'Method must be a string.' } };
    let session = sessions.get(event.sender.id);
    if (!session) {
      session = core.sessions.create();
      sessions.set(event.sender.id, session);
      const id = event.sender.id;
      const sessionId = session.id;
      // A crashed screen comes back signed out: the teacher's session must not outlive it.
      event.sender.on('render-process-gone', () => core.sessions.setRole(sessionId, 'pupil'));
      event.sender.once('destroyed', () => {
        sessions.delete(id);
        core.sessions.delete(sessionId);
      });
    }
    return dispatch(method, input, { session });
  });
}

/** Forward core events to a window. */
export function forwardEvents(core: Core, contents: WebContents): void {
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, name, payload);
  });
  contents.once('destroyed', unsubscribe);
}
