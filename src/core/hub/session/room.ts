import { z } from 'zod';
import { TourLook, type SessionHello } from '../../../shared/contract/session';
import type { LiveSession } from './service';

const PupilId = z.string().uuid();
const Option = z.string().max(64);

/** A paired pupil PC, as hub-net's room server names the caller. */
export interface RoomDevice {
  id: string;
  name: string;
}

/** What a pupil PC forwards to the hub for a pupil on its screen (its own hello, hand, poll answer and where they look in the tour). */
export type SessionRoomCall = 'session.hello' | 'session.raiseHand' | 'session.answerPoll' | 'session.tourGaze';

/**
 * The hub's side of a pupil PC's session calls, for hub-net's room server:
 * `for (const r of sessionRoomRoutes(core.liveSession)) roomRoutes.add(r.name, r.input, r.handle)`.
 * The pupil comes from the paired PC (trusted by its device credential); the roll call shows the PC's name.
 */
export function sessionRoomRoutes(live: LiveSession) {
  return [
    { name: 'session.hello', input: z.object({ pupilId: PupilId.nullable() }).strict(), handle: async (device: RoomDevice, i: { pupilId: string | null }) => live.hello(i.pupilId, `pc:${device.name}`) },
    { name: 'session.raiseHand', input: z.object({ pupilId: PupilId, up: z.boolean() }).strict(), handle: async (_device: RoomDevice, i: { pupilId: string; up: boolean }) => live.raiseHand(i.pupilId, i.up) },
    {
      name: 'session.answerPoll',
      input: z.object({ pupilId: PupilId, pollId: Option, optionId: Option }).strict(),
      handle: async (_device: RoomDevice, i: { pupilId: string; pollId: string; optionId: string }) => live.answerPoll(i.pupilId, i.pollId, i.optionId),
    },
    {
      name: 'session.tourGaze',
      input: TourLook.extend({ pupilId: PupilId }).strict(),
      handle: async (_device: RoomDevice, { pupilId, ...look }: { pupilId: string; yaw: number; pitch: number }) => live.tourGaze(pupilId, look),
    },
  ] as const;
}

/** The pupil PC's way to the hub for these calls: `(name, input) => hubClient.call(name, input)`. */
export type SessionForwarder = (name: SessionRoomCall, input: Record<string, unknown>) => Promise<SessionHello>;
