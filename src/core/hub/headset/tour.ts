import type http from 'node:http';
import type { HeadsetGazeAnswer, TourState } from '../../../shared/contract/session';
import { KiteError } from '../../../shared/errors';
import type { EventBus } from '../../events';
import type { LiveSession } from '../session/service';
import type { Devices } from '../devices';
import { HEARTBEAT_MS } from '../room-server';

/** The class session's guided tour as a headset sees it: the picture, the spot, the recentre; never a name. */
export interface HeadsetTour {
  current(): TourState | null;
  /** Called on every session change (the tour may not have changed); returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** A headset's look; answers the tour, or no tour once it closed (throws session_not_running, invalid_input). */
  gaze(device: { id: string; name: string }, look: unknown): HeadsetGazeAnswer;
}

/** The hub's live session, for headsets. */
export function headsetTour(live: LiveSession, events: EventBus): HeadsetTour {
  return {
    current: () => live.state().live?.tour ?? null,
    onChange: (listener) => events.subscribe((name) => name === 'session.state' && listener()),
    gaze: (device, look) => live.headsetGaze(device, look),
  };
}

export const noTour: HeadsetTour = {
  current: () => null,
  onChange: () => () => undefined,
  gaze: () => {
    throw new KiteError('session_not_running', 'No class session is running.');
  },
};

/**
 * GET /headset/api/stream (SSE): `{ tour }` at once and whenever it changes, a comment line every
 * HEARTBEAT_MS; it ends when the headset is removed on the room tab or the hub closes.
 */
export function openTourStream(req: http.IncomingMessage, res: http.ServerResponse, tour: HeadsetTour, devices: Devices, deviceId: string, headers: Record<string, string>) {
  res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  let last = '';
  const send = () => {
    if (!devices.isLive(deviceId)) return stop();
    const frame = JSON.stringify({ tour: tour.current() });
    if (frame !== last) res.write(`data: ${frame}\n\n`);
    last = frame;
  };
  const off = tour.onChange(send);
  const heartbeat = setInterval(() => (devices.isLive(deviceId) ? res.write(': ping\n\n') : stop()), HEARTBEAT_MS);
  heartbeat.unref();
  function stop() {
    off();
    clearInterval(heartbeat);
    res.end();
  }
  req.on('close', stop);
  send();
  return stop;
}
