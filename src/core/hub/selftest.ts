import https from 'node:https';
import type { ReachFinding } from '../../shared/contract/hub';
import type { Devices } from './devices';
import type { PairHello } from './pairing';
import { hubRequest, unwrap } from './request';

/** A pupil PC seen this recently counts as "reaching the hub now". */
const RECENT_MS = 10 * 60_000;

/**
 * "Can other PCs reach me?" Only another PC can prove it, so this says what this PC can know: is the
 * hub listening beyond itself, has this PC a network address others can use, does the hub answer on
 * it, and have pupil PCs been in touch lately. Each finding has plain-words advice in the catalogue.
 */
export async function reachSelfTest(addresses: string[], fingerprint: string, devices: Devices, now: () => number): Promise<ReachFinding[]> {
  if (addresses.length === 0) return [{ code: 'not_serving', status: 'fail', params: {} }];
  const first = addresses[0] as string;
  const host = new URL(first).hostname;
  const port = new URL(first).port;
  const findings: ReachFinding[] = [];
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') {
    findings.push({ code: 'no_network', status: 'fail', params: { port } });
  } else if (host.startsWith('169.254.')) {
    findings.push({ code: 'link_local', status: 'warn', params: { address: host } });
  }
  const agent = new https.Agent({ rejectUnauthorized: false });
  try {
    const response = await hubRequest(agent, first, 'POST', '/pair/hello', {});
    const hello = unwrap<PairHello>(response, first);
    const ours = response.fingerprint === fingerprint && hello.kite === 'hub';
    findings.push(ours ? { code: 'reached_self', status: 'ok', params: { address: first } } : { code: 'self_unreachable', status: 'fail', params: { address: first, port } });
  } catch {
    findings.push({ code: 'self_unreachable', status: 'fail', params: { address: first, port } });
  } finally {
    agent.destroy();
  }
  const recent = devices.list('pupil-pc').filter((d) => d.lastSeenAt && now() - Date.parse(d.lastSeenAt) < RECENT_MS);
  findings.push(recent.length > 0 ? { code: 'pcs_connected', status: 'ok', params: { count: String(recent.length) } } : { code: 'no_pc_yet', status: 'warn', params: { port } });
  return findings;
}
