import { ipcMain, type WebContents } from 'electron';
import type { Core } from '../core';
import type { Session } from '../core/auth/sessions';
import { createDispatcher } from '../handlers/dispatch';
import { eventVisibleTo } from '../shared/contract';
import { IPC_CHANNELS } from '../shared/ipc';
import { isAppUrl } from './protocol';


/**
 * The IPC transport: same dispatcher as the browser host. Only our own top frame, loaded from
 * kite://app, may call; each window has its own session (pupil until the teacher PIN), and
 * receives only the events its role may see.
 */
export function bindIpc(core: Core): { forwardEvents(contents: WebContents): void } {
  const dispatch = createDispatcher(core);
  const sessions = new Map<number, Session>();

  /** The window's session, made on first use; an Electron window is at this PC (local). */
  const sessionOf = (contents: WebContents): Session => {
    const known = sessions.get(contents.id);
    if (known) return known;
    const session = core.sessions.create({ local: true });
    sessions.set(contents.id, session);
    const id = contents.id;
    // A crashed screen comes back signed out: the teacher's session must not outlive it.
    contents.on('render-process-gone', () => core.sessions.setRole(session.id, 'pupil'));
    contents.once('destroyed', () => {
      sessions.delete(id);
      core.sessions.delete(session.id);
    });
    return session;
  };

  ipcMain.handle(IPC_CHANNELS.invoke, async (event, method: unknown, input: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url)) {
      core.log.warn('IPC call from an unexpected frame refused', { url: frame?.url });
      return { ok: false, error: { code: 'forbidden', message: 'Calls are only accepted from the app itself.' } };
    }
    if (typeof method !== 'string') return { ok: false, error: { code: 'bad_request', message: 'Method must be a string.' } };
    return dispatch(method, input, { session: sessionOf(event.sender) });
  });

  return {
    /** Forward core events to a window, each only if the window's role may see it. */
    forwardEvents(contents) {
      const session = sessionOf(contents);
      const unsubscribe = core.events.subscribe((name, payload) => {
        if (!contents.isDestroyed() && eventVisibleTo(name, core.sessions.roleOf(session.id))) contents.send(IPC_CHANNELS.event, name, payload);
      });
      contents.once('destroyed', unsubscribe);
    },
  };
}
