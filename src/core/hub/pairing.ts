import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { createKv } from '../db/kv';
import type { Logger } from '../log/logger';
import type { Devices, RoomDevice } from './devices';
import { hubError } from './hub-error';
import type { HubIdentity } from './identity';
import { hubProof, JOIN_CODE_PATTERN, nonce, pairingKey, pupilProof, sameProof } from './proof';

/** Wrong join codes (from all PCs together) before the code stops working until the teacher renews it. */
export const MAX_WRONG_CODES = 10;
/** How long a hub nonce from /pair/hello may be used. */
const NONCE_MS = 60_000;
const CODE_KEY = 'hub.joinCode';
const WRONG_KEY = 'hub.joinCodeWrong';

export const PairJoinInput = z.object({
  hubNonce: z.string().min(16).max(64),
  pupilNonce: z.string().min(16).max(64),
  proof: z.string().min(16).max(100),
  name: z.string().min(1).max(60),
});
export type PairJoinInput = z.infer<typeof PairJoinInput>;

export interface PairHello {
  kite: 'hub';
  hubId: string;
  fingerprint: string;
  hubNonce: string;
}

/** The hub side of pairing: the join code the teacher sees, hello (a nonce), join (check the pupil's proof, make a device). */
export function createPairing(db: Database.Database, devices: Devices, identity: () => Promise<HubIdentity>, log: Logger, now: () => number) {
  const kv = createKv(db);
  const nonces = new Map<string, number>();
  const keys = new Map<string, Promise<Buffer>>();

  function joinCode(): string {
    const code = kv.get(CODE_KEY);
    if (code) return code;
    return renew();
  }

  function renew(): string {
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    db.transaction(() => {
      kv.set(CODE_KEY, code);
      kv.delete(WRONG_KEY);
    })();
    keys.clear();
    return code;
  }

  /** The stretched code for this certificate, cached: scrypt runs once per code, not once per try. */
  function keyFor(code: string, fingerprint: string): Promise<Buffer> {
    const id = `${code}:${fingerprint}`;
    let key = keys.get(id);
    if (!key) keys.set(id, (key = pairingKey(code, fingerprint)));
    return key;
  }

  /** Count a wrong code (PCs and headsets together) and say so; the tenth locks the code. */
  function wrongCode(address: string | null): Error {
    const wrong = Number(kv.get(WRONG_KEY) ?? 0) + 1;
    kv.set(WRONG_KEY, String(wrong));
    log.warn('a device tried a wrong join code', { address, wrong });
    return hubError(wrong >= MAX_WRONG_CODES ? 'join_code_locked' : 'wrong_join_code');
  }

  return {
    joinCode,
    /** A new join code; wrong tries so far are forgotten. PCs already paired stay paired. */
    renewJoinCode: renew,
    locked: () => Number(kv.get(WRONG_KEY) ?? 0) >= MAX_WRONG_CODES,

    async hello(): Promise<PairHello> {
      const { hubId, fingerprint } = await identity();
      const hubNonce = nonce();
      for (const [n, at] of nonces) if (now() - at > NONCE_MS) nonces.delete(n);
      nonces.set(hubNonce, now());
      return { kite: 'hub', hubId, fingerprint, hubNonce };
    },

    async join(input: PairJoinInput, address: string | null): Promise<{ deviceId: string; token: string; hubId: string; proof: string; name: string }> {
      const at = nonces.get(input.hubNonce);
      nonces.delete(input.hubNonce);
      if (at === undefined || now() - at > NONCE_MS) throw hubError('wrong_join_code', {}, 'the pairing took too long or was replayed; start again');
      if (Number(kv.get(WRONG_KEY) ?? 0) >= MAX_WRONG_CODES) throw hubError('join_code_locked');
      const { hubId, fingerprint } = await identity();
      const key = await keyFor(joinCode(), fingerprint);
      if (!sameProof(input.proof, pupilProof(key, fingerprint, input.hubNonce, input.pupilNonce))) throw wrongCode(address);
      const { device, token } = devices.add(input.name, address);
      log.info('a pupil PC joined the room', { id: device.id, name: device.name, address });
      return { deviceId: device.id, token, hubId, name: device.name, proof: hubProof(key, fingerprint, input.hubNonce, input.pupilNonce, device.id, token) };
    },

    /**
     * A headset's browser joins with the code itself, sent over the hub's HTTPS. A proof made by the page
     * would add nothing: the page comes from the server it would prove itself to. What a careful teacher
     * compares is the certificate's short fingerprint, on the headset's first page and on the room tab.
     * Wrong codes count with the PCs' and lock the code the same way.
     */
    joinHeadset(code: string, address: string | null): { device: RoomDevice; token: string } {
      if (Number(kv.get(WRONG_KEY) ?? 0) >= MAX_WRONG_CODES) throw hubError('join_code_locked');
      if (!JOIN_CODE_PATTERN.test(code) || !sameProof(code, joinCode())) throw wrongCode(address);
      const joined = devices.add('VR', address, 'headset');
      log.info('a headset joined the room', { id: joined.device.id, name: joined.device.name, address });
      return joined;
    },
  };
}
export type Pairing = ReturnType<typeof createPairing>;
