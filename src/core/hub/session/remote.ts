import { SessionState } from '../../../shared/contract/session';
import { KiteError } from '../../../shared/errors';
import type { LiveSession } from './service';

/**
 * The pupil-PC side of the room: the hub's session state, relayed by hub-net's stream
 * (`roomRoutes.broadcast('session.state', state)` on the hub, `hubClient.onMessage('session.state', …)` here),
 * drives this PC's pupil screens exactly as on the hub: it is re-emitted as the local 'session.state'
 * event and answered by 'session.state' / 'session.hello'. null: the hub is gone (screens carry on alone).
 * Anything that is not a valid state is refused and changes nothing. Returns false for a stale copy.
 */
export function applyRemoteSessionState(live: LiveSession, state: unknown): boolean {
  if (state === null) return live.applyRemote(null);
  const parsed = SessionState.safeParse(state);
  if (!parsed.success) throw new KiteError('invalid_input', `The hub's session state is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
  return live.applyRemote(parsed.data);
}
