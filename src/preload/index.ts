import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS } from '../shared/ipc';

// The only bridge into the page: invoke a contract method, and listen to events. Nothing else.

contextBridge.exposeInMainWorld('kite', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_CHANNELS.invoke, method, input),
  on: (listener: (name: string, payload: unknown) => void): (() => void) => {
    const wrapped = (_event: unknown, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_CHANNELS.event, wrapped);
    return () => ipcRenderer.removeListener(IPC_CHANNELS.event, wrapped);
  },
});
