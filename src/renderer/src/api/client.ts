import type { EventName, EventPayload, InputOf, MethodName, ResultOf } from '../../../shared/contract';
import { KiteError, type Envelope } from '../../../shared/errors';

/** What the Electron preload exposes; absent in a plain browser. */
interface KiteBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  on(listener: (name: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    kite?: KiteBridge;
  }
}

interface Transport {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  subscribe(name: string, listener: (payload: unknown) => void): () => void;
  /** Who is signed in changed: the host sends each window only the events its role may see. */
  reconnect(): void;
  /** The event stream (re)opened: events sent while it was closed are gone, so state shown from them must be asked for again. */
  onOpen(listener: () => void): () => void;
}

function ipcTransport(bridge: KiteBridge): Transport {
  return {
    invoke: async (method, input) => (await bridge.invoke(method, input)) as Envelope<unknown>,
    subscribe: (name, listener) => bridge.on((eventName, payload) => eventName === name && listener(payload)),
    reconnect: () => {},
    // IPC loses no events: nothing to catch up on.
    onOpen: () => () => {},
  };
}

function httpTransport(): Transport {
  let source: EventSource | undefined;
  const handlers = new Map<(event: Event) => void, string>();
  const openListeners = new Set<() => void>();
  const connect = () => {
    source = new EventSource('/api/events');
    // Fires on the first open and on each reconnect the browser makes after the host restarted or the page slept.
    source.onopen = () => openListeners.forEach((listener) => listener());
    for (const [handler, name] of handlers) source.addEventListener(name, handler);
  };
  return {
    async invoke(method, input) {
      try {
        const response = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
        return (await response.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: 'The app is not answering. Is it still running?' } };
      }
    },
    subscribe(name, listener) {
      const handler = (event: Event) => listener(JSON.parse((event as MessageEvent<string>).data));
      handlers.set(handler, name);
      if (source) source.addEventListener(name, handler);
      else connect();
      return () => {
        handlers.delete(handler);
        source?.removeEventListener(name, handler);
      };
    },
    // The stream belongs to the session its request carried: open it again so it follows the sign-in.
    reconnect() {
      if (!source) return;
      source.close();
      connect();
    },
    onOpen(listener) {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
  };
}

const transport: Transport = window.kite ? ipcTransport(window.kite) : httpTransport();

const forbiddenListeners = new Set<() => void>();

type InvokeArgs<M extends MethodName> = undefined extends InputOf<M> ? [input?: InputOf<M>] : [input: InputOf<M>];

/** The renderer's only door to the app: typed by the contract, the same over IPC and HTTP. */
export const api = {
  async invoke<M extends MethodName>(method: M, ...args: InvokeArgs<M>): Promise<ResultOf<M>> {
    const envelope = await transport.invoke(method, args[0] ?? {});
    if (!envelope.ok && envelope.error.code === 'forbidden') for (const listener of forbiddenListeners) listener();
    if (!envelope.ok) throw KiteError.fromPayload(envelope.error);
    return envelope.result as ResultOf<M>;
  },
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return transport.subscribe(name, (payload) => listener(payload as EventPayload<E>));
  },
  /** Called each time the event stream opens, so a screen showing state from events can ask for it again. */
  onEventsOpen(listener: () => void): () => void {
    return transport.onOpen(listener);
  },
  /** Called when a call is refused for the role (e.g. a teacher idle too long is a pupil again). */
  onForbidden(listener: () => void): () => void {
    forbiddenListeners.add(listener);
    return () => forbiddenListeners.delete(listener);
  },
  /** Call when the session's role changed (sign-in, sign-out), so teacher-only events start or stop. */
  reconnectEvents(): void {
    transport.reconnect();
  },
};
