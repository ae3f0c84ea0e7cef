/** The Electron IPC channels, named once for the main process and the preload script. */
export const IPC_CHANNELS = {
  /** renderer → main: (method, input) → the dispatcher's envelope */
  invoke: 'kite:invoke',
  /** main → renderer: (event name, payload), filtered by the window's role */
  event: 'kite:event',
} as const;
