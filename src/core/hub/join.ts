import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { z } from 'zod';
import { KiteError } from '../../shared/errors';
import { writeFileAtomic } from '../fs/atomic';
import { hubError } from './hub-error';
import type { PairHello } from './pairing';
import { JOIN_CODE_PATTERN, hubProof, nonce, pairingKey, pupilProof, sameProof } from './proof';
import { hubOrigin, hubRequest, unwrap } from './request';

/** What a pupil PC keeps about its hub: where it is, its pinned certificate, and this PC's own credential. */
export const HubPairing = z.object({
  hubId: z.string(),
  address: z.string(),
  fingerprint: z.string(),
  certPem: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  token: z.string(),
  pairedAt: z.string(),
});
export type HubPairing = z.infer<typeof HubPairing>;

export function pairingFile(hubDir: string): string {
  return path.join(hubDir, 'pairing.json');
}

/** Keep the pairing (atomic, this user only): at joining, and when the hub is found at a new address. */
export function savePairing(hubDir: string, pairing: HubPairing): void {
  fs.mkdirSync(hubDir, { recursive: true });
  writeFileAtomic(pairingFile(hubDir), JSON.stringify(pairing, null, 2), 0o600);
}

export function readPairing(hubDir: string): HubPairing | undefined {
  try {
    return HubPairing.parse(JSON.parse(fs.readFileSync(pairingFile(hubDir), 'utf8')));
  } catch {
    return undefined;
  }
}

/**
 * Pair this PC with the hub at `address` using the join code the teacher's screen shows. The
 * first connection cannot check the hub's certificate (there is nothing to check it against yet),
 * so the join code does: see proof.ts. Both requests must show the same certificate; it is then
 * pinned, with this PC's credential, in <data>/hub/pairing.json (atomic, this user only).
 */
export async function joinHub(hubDir: string, address: string, code: string, name: string): Promise<HubPairing> {
  if (!JOIN_CODE_PATTERN.test(code.trim())) throw new KiteError('invalid_input', 'The join code is the 6 digits shown on the teacher\'s screen.');
  const origin = hubOrigin(address);
  // Unverified on purpose, for these two requests only: the certificate is checked by the join code's proofs below.
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false });
  try {
    const started = Date.now();
    const helloResponse = await hubRequest(agent, origin, 'POST', '/pair/hello', {});
    const hello = unwrap<PairHello>(helloResponse, origin);
    if (hello?.kite !== 'hub' || !hello.hubNonce) throw hubError('not_a_hub', { address: origin });
    const fingerprint = helloResponse.fingerprint;
    const key = await pairingKey(code.trim(), fingerprint);
    const pupilNonce = nonce();
    const proof = pupilProof(key, fingerprint, hello.hubNonce, pupilNonce);
    const joinResponse = await hubRequest(agent, origin, 'POST', '/pair/join', { hubNonce: hello.hubNonce, pupilNonce, proof, name });
    const joined = unwrap<{ deviceId: string; token: string; hubId: string; name: string; proof: string }>(joinResponse, origin);
    // The hub must answer on the certificate the proof was made for, with its own proof, in time to rule out an offline guess.
    const sameCert = joinResponse.fingerprint === fingerprint;
    const hubKnowsCode = sameProof(joined.proof, hubProof(key, fingerprint, hello.hubNonce, pupilNonce, joined.deviceId, joined.token));
    if (!sameCert || !hubKnowsCode || Date.now() - started > 20_000) throw hubError('hub_cert_changed', { address: origin }, 'the pairing answer was not proven with the join code');
    const pairing: HubPairing = {
      hubId: joined.hubId,
      address: origin,
      fingerprint,
      certPem: joinResponse.certPem,
      deviceId: joined.deviceId,
      deviceName: joined.name,
      token: joined.token,
      pairedAt: new Date().toISOString(),
    };
    savePairing(hubDir, pairing);
    return pairing;
  } finally {
    agent.destroy();
  }
}
