import type Database from 'better-sqlite3';
import type { EventBus } from '../events';
import type { Logger } from '../log/logger';
import type { Hub } from './index';
import type { HubSync } from './sync';
import { PushInput } from './sync/ingest';
import { RosterGetInput } from './sync/roster';
import type { PushAnswer, PushLoopOptions, PushLoopStatus } from './sync/push-loop';
import type { LiveSession } from './session/service';
import { applyRemoteSessionState } from './session/remote';
import { sessionRoomRoutes } from './session/room';
import { linkForPupils } from './client';
import type { SessionHello } from '../../shared/contract/session';
import type { Distribution } from './distribution';

/** How often a pupil PC asks for the room's roster when nothing told it to (an unchanged roster costs a few bytes). */
const ROSTER_POLL_MS = 60_000;
/** How often the hub looks whether its roster changed (only after some write), to tell pupil PCs at once. */
const ROSTER_WATCH_MS = 2000;

interface RoomParts {
  hub: Hub;
  hubSync: HubSync;
  liveSession: LiveSession;
  distribution: Distribution;
  events: EventBus;
  log: Logger;
}

/**
 * The hub's side of the room: what pupil PCs may call (their events, the roster, their pupils' hellos,
 * hands and poll answers), and the session state pushed to every pupil PC. The routes answer only
 * over the room's HTTPS port, which the host opens on a hub; registering them costs nothing elsewhere.
 */
export function serveRoom({ hub, hubSync, liveSession, distribution, events, db }: RoomParts & { db: Database.Database }): () => void {
  distribution.serve();
  hub.routes.add('events.push', PushInput, (device, input) => hubSync.ingest(device.id, input.events, input.sentAt));
  hub.routes.add('roster.get', RosterGetInput, (_device, input) => hubSync.rosterAnswer(input.version));
  for (const route of sessionRoomRoutes(liveSession)) hub.routes.add(route.name, route.input, route.handle as (device: { id: string; name: string }, input: unknown) => Promise<unknown>);
  // Answers recorded on pupil PCs reach the live dashboard as they arrive (right or wrong, not stuck, can be shown).
  const offIngested = hubSync.onIngested((fresh) => {
    for (const e of fresh) {
      if (e.kind === 'attempt' && e.pack_id && e.lesson_id && e.step_id) {
        liveSession.noteAttempt(e.pupil_id, { packId: e.pack_id, lessonId: e.lesson_id, stepId: e.step_id, correct: e.correct === null ? null : e.correct === 1 });
      }
    }
  });
  const offEvents = events.subscribe((name, payload) => {
    if (name === 'session.state' && hub.role() === 'hub') hub.routes.broadcast('session.state', payload);
  });
  // Classes, pupils, picture passwords or lessons changed on the hub (console, list import, merge): pupil PCs
  // fetch the roster at once ('roster.changed') instead of at their next poll. Looked at only after a write.
  const writes = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
  let seenWrites = writes.get()?.n ?? 0;
  let version = hubSync.rosterSnapshot().version;
  const watch = setInterval(() => {
    if (hub.role() !== 'hub') return;
    const n = writes.get()?.n ?? 0;
    if (n === seenWrites) return;
    seenWrites = n;
    const now = hubSync.rosterSnapshot().version;
    if (now !== version) hub.routes.broadcast('roster.changed', { version: now });
    version = now;
  }, ROSTER_WATCH_MS);
  watch.unref();
  return () => {
    clearInterval(watch);
    offIngested();
    offEvents();
  };
}

/**
 * A pupil PC in the room: push this PC's progress events to the hub, keep the room's roster, follow the
 * hub's class session and forward this PC's pupils' hands and answers. Everything keeps working when the
 * hub is gone: events wait in the outbox, the roster stays as it was, the screens carry on alone.
 */
export function followRoom(parts: RoomParts, pushOptions: Omit<PushLoopOptions, 'onError'> = {}): FollowingRoom {
  // Once per PC: the host starts it for a PC already paired, the console's join for one that just joined.
  const running = following.get(parts.hub);
  if (running) return running;
  const started = startFollowing(parts, pushOptions);
  const stop = Object.assign(async () => {
    following.delete(parts.hub);
    await started();
  }, { pushStatus: started.pushStatus });
  following.set(parts.hub, stop);
  return stop;
}

type FollowingRoom = (() => Promise<void>) & { pushStatus: () => PushLoopStatus };
const following = new WeakMap<Hub, FollowingRoom>();

function startFollowing({ hub, hubSync, liveSession, distribution, events, log }: RoomParts, pushOptions: Omit<PushLoopOptions, 'onError'>): FollowingRoom {
  const client = hub.client;
  const stopContent = distribution.follow();
  const loop = hubSync.startPushLoop((events, { sentAt }) => client.call<PushAnswer>('events.push', { events, sentAt }), {
    ...pushOptions,
    onError: (error, failuresInARow) => failuresInARow === 1 && log.warn('progress push to the hub failed; retrying', { error: String(error) }),
  });
  const pullRoster = () =>
    hubSync.pullRoster((version) => client.call('roster.get', { version })).catch((error: unknown) => log.warn('could not fetch the room roster from the hub', { error: String(error) }));
  const offMessage = client.onMessage('session.state', (state) => {
    try {
      applyRemoteSessionState(liveSession, state);
    } catch (error) {
      log.warn("ignored the hub's session state", { error: String(error) });
    }
  });
  const offRoster = client.onMessage('roster.changed', () => void pullRoster());
  // Pupil screens hear only "reachable or not" (their calm banner), once per change.
  let shown = linkForPupils(client.status()).hub;
  const offStatus = client.onStatus((status) => {
    const link = linkForPupils(status);
    if (link.hub !== shown) events.emit('room.link', link);
    shown = link.hub;
    if (status.link === 'online') {
      loop.retryNow();
      void pullRoster();
    } else if (status.link === 'offline') applyRemoteSessionState(liveSession, null);
  });
  liveSession.forwardTo((name, input) => client.call<SessionHello>(name, input));
  const poll = setInterval(() => void pullRoster(), ROSTER_POLL_MS);
  poll.unref();
  void pullRoster();
  client.start();
  const stop = async () => {
    clearInterval(poll);
    offMessage();
    offRoster();
    offStatus();
    liveSession.forwardTo(null);
    stopContent();
    await loop.stop();
  };
  return Object.assign(stop, { pushStatus: () => loop.status() });
}
