import type http from 'node:http';
import type { z } from 'zod';
import { KiteError } from '../../shared/errors';

export interface RoomDeviceRef {
  id: string;
  name: string;
}
type Handler = (device: RoomDeviceRef, input: never) => Promise<unknown> | unknown;
interface Route {
  schema: z.ZodType;
  handler: Handler;
}
/** A route that answers with bytes, not JSON (GET /room/<prefix>/<rest>): content downloads. */
export type RoomDownload = (device: RoomDeviceRef, rest: string, req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
export interface RoomMessage {
  type: string;
  payload: unknown;
}

/**
 * The hub's room API: what pupil PCs may call (POST /room/<name>, each input checked by its schema)
 * and what the hub pushes to every connected pupil PC (GET /room/stream). Other parts of the core
 * (progress sync, the live session) register here; the transport is src/core/hub/room-server.ts.
 */
export function createRoomRoutes() {
  const routes = new Map<string, Route>();
  const listeners = new Set<(message: RoomMessage) => void>();
  const downloads = new Map<string, RoomDownload>();
  return {
    /** Register GET /room/<prefix>/<rest> (bytes, e.g. with HTTP Range); the device is authenticated first. */
    addDownload(prefix: string, handler: RoomDownload): void {
      if (!/^[a-z][a-z0-9-]{0,31}$/.test(prefix) || downloads.has(prefix)) throw new Error(`Bad or doubled room download "${prefix}".`);
      downloads.set(prefix, handler);
    },
    /** The download handler for a GET path below /room/, if one claims it. */
    download(pathname: string): { handler: RoomDownload; rest: string } | undefined {
      const [prefix = '', ...rest] = pathname.split('/');
      const handler = downloads.get(prefix);
      return handler && { handler, rest: rest.join('/') };
    },
    add<S extends z.ZodType>(name: string, schema: S, handler: (device: RoomDeviceRef, input: z.output<S>) => Promise<unknown> | unknown): void {
      if (!/^[a-z][a-zA-Z0-9.-]{0,63}$/.test(name) || name === 'stream') throw new Error(`Bad room route name "${name}".`);
      if (routes.has(name)) throw new Error(`The room route "${name}" is registered twice.`);
      routes.set(name, { schema, handler: handler as Handler });
    },
    /** Run a route for a device; a bad name or input is a KiteError the pupil PC gets back. */
    async call(name: string, device: RoomDeviceRef, input: unknown): Promise<unknown> {
      const route = routes.get(name);
      if (!route) throw new KiteError('unknown_method', `The teacher's PC has no room call "${name}" (are both PCs on the same Kite version?).`);
      const parsed = route.schema.safeParse(input);
      if (!parsed.success) {
        throw new KiteError('invalid_input', `Bad input for room call "${name}".`, { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      }
      return route.handler(device, parsed.data as never);
    },
    /** Send a message to every pupil PC connected to the stream now (a PC that connects later asks for the state it needs). */
    broadcast(type: string, payload: unknown): void {
      for (const listener of listeners) listener({ type, payload });
    },
    subscribe(listener: (message: RoomMessage) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type RoomRoutes = ReturnType<typeof createRoomRoutes>;
