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
}

function ipcTransport(bridge: KiteBridge): Transport {
  return {
    invoke: async (method, input) => (await bridge.invoke(method, input)) as Envelope<unknown>,
    subscribe: (name, listener) => bridge.on((eventName, payload) => eventName === name && listener(payload)),
  };
}

function httpTransport(): Transport {
  let source: EventSource | undefined;
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
      source ??= new EventSource('/api/events');
      const handler = (event: Event) => listener(JSON.parse((event as MessageEvent<string>).data));
      source.addEventListener(name, handler);
      return () => source?.removeEventListener(name, handler);
    },
  };
}

const transport: Transport = window.kite ? ipcTransport(window.kite) : httpTransport();

type InvokeArgs<M extends MethodName> = undefined extends InputOf<M> ? [input?: InputOf<M>] : [input: InputOf<M>];

/** The renderer's only door to the app: typed by the contract, the same over IPC and HTTP. */
export const api = {
  async invoke<M extends MethodName>(method: M, ...args: InvokeArgs<M>): Promise<ResultOf<M>> {
    const envelope = await transport.invoke(method, args[0] ?? {});
    if (!envelope.ok) throw KiteError.fromPayload(envelope.error);
    return envelope.result as ResultOf<M>;
  },
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return transport.subscribe(name, (payload) => listener(payload as EventPayload<E>));
  },
};
