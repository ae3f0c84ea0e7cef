import { contextBridge, ipcRenderer } from 'electron';

// The only bridge into the page: invoke a contract method, and listen to events. Nothing else.
const INVOKE_CHANNEL = 'kite:invoke';
const EVENT_CHANNEL = 'kite:event';

contextBridge.exposeInMainWorld('kite', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
  on: (listener: (name: string, payload: unknown) => void): (() => void) => {
    const wrapped = (_event: unknown, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
});
