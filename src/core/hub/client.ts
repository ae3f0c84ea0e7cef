import type http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { KiteError, type ErrorPayload } from '../../shared/errors';
import type { Logger } from '../log/logger';
import { hubError } from './hub-error';
import { readPairing, savePairing, type HubPairing } from './join';
import { findHubs, type FoundHub } from './discovery';
import type { PairHello } from './pairing';
import { hubRequest, openStream, transportError, unwrap } from './request';
import { HEARTBEAT_MS } from './room-server';
import type { RoomMessage } from './room-routes';
import type { HubLinkForPupils } from '../../shared/contract/hub';

export type HubLink = 'not_paired' | 'connecting' | 'online' | 'offline';
export interface HubClientStatus {
  link: HubLink;
  address?: string;
  deviceName?: string;
  /** Why the hub cannot be used now (hub_unreachable, hub_cert_changed, device_removed, …). */
  error?: ErrorPayload;
}
/** The hub link as pupil screens may see it: reachable or not, nothing more ("connecting" after a failure is still offline). */
export function linkForPupils(status: HubClientStatus): HubLinkForPupils {
  if (status.link === 'not_paired') return { hub: 'none' };
  return { hub: status.link === 'online' ? 'online' : 'offline' };
}

export interface BackoffOptions {
  firstMs?: number;
  maxMs?: number;
  /** Look for the hub at a new address (mDNS) at most this often while it cannot be reached (default 30 s). */
  refindEveryMs?: number;
  /** How long one look listens for hubs (default 3 s). */
  refindWaitMs?: number;
}

/** The hub this PC paired with, among the hubs found: the same certificate (and room), at another address. */
export function sameHubElsewhere(pairing: Pick<HubPairing, 'address' | 'fingerprint' | 'hubId'>, found: readonly FoundHub[]): FoundHub | undefined {
  const pinned = pairing.fingerprint.toUpperCase();
  return found.find((hub) => hub.fingerprint.toUpperCase() === pinned && hub.hubId === pairing.hubId && hub.address !== pairing.address);
}

/**
 * The pupil PC's side of the room: calls to the hub and the hub's pushed messages, always over
 * TLS with the certificate pinned at pairing (a hub showing any other certificate is refused).
 * The stream reconnects by itself with growing waits; the PC's own core keeps working meanwhile.
 */
export function createHubClient(hubDir: string, log: Logger, { firstMs = 1000, maxMs = 30_000, refindEveryMs = 30_000, refindWaitMs = 3000 }: BackoffOptions = {}) {
  let pairing = readPairing(hubDir);
  let agent = pairing && pinnedAgent(pairing);
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: HubClientStatus) => void>();
  let status: HubClientStatus = pairing ? { link: 'offline', address: pairing.address, deviceName: pairing.deviceName } : { link: 'not_paired' };
  let running = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let current: { destroy(): void } | undefined;
  let lastRefind = 0;
  let refinding = false;

  function setStatus(next: Omit<HubClientStatus, 'address' | 'deviceName'>): void {
    status = { ...next, address: pairing?.address, deviceName: pairing?.deviceName };
    for (const listener of statusListeners) listener(status);
  }

  /** A refused certificate: the same room with a new certificate, or another room altogether (two hubs on one network). */
  async function explainCertError(error: KiteError): Promise<KiteError> {
    if (error.code !== 'hub_cert_changed' || !pairing) return error;
    const open = new https.Agent({ rejectUnauthorized: false });
    try {
      const hello = unwrap<PairHello>(await hubRequest(open, pairing.address, 'POST', '/pair/hello', {}), pairing.address);
      return hello.hubId === pairing.hubId ? error : hubError('hub_other', { address: pairing.address });
    } catch {
      return error;
    } finally {
      open.destroy();
    }
  }

  /**
   * The hub cannot be reached at its address: it may have a new one (DHCP). Browse the network for a hub
   * showing the pinned certificate and move there, keeping the new address in the pairing. Only the pinned
   * certificate is ever trusted, so a PC advertising a false hub gains nothing.
   */
  async function refind(): Promise<void> {
    if (refinding || !pairing || Date.now() - lastRefind < refindEveryMs) return;
    refinding = true;
    lastRefind = Date.now();
    try {
      const hub = sameHubElsewhere(pairing, await findHubs(refindWaitMs));
      if (!hub || !running || !pairing) return;
      log.info('found the hub at a new address', { from: pairing.address, to: hub.address, fingerprint: hub.fingerprint });
      pairing = { ...pairing, address: hub.address };
      savePairing(hubDir, pairing);
      clearTimeout(timer);
      attempt = 0;
      current?.destroy();
      current = undefined;
      connect();
    } catch (error) {
      log.warn('could not look for the hub on the network', { error: String(error) });
    } finally {
      refinding = false;
    }
  }

  function paired(): HubPairing {
    if (!pairing || !agent) throw hubError('not_paired');
    return pairing;
  }

  function connect(): void {
    if (!running || !pairing || !agent) return;
    setStatus({ link: status.link === 'online' ? 'offline' : 'connecting', error: status.error });
    const req = https.request(`${pairing.address}/room/stream`, { agent, headers: { Authorization: `Bearer ${pairing.token}`, Accept: 'text/event-stream' } });
    current = req;
    let watchdog: NodeJS.Timeout | undefined;
    const alive = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => req.destroy(new Error('the hub stopped answering')), HEARTBEAT_MS * 3);
    };
    const failed = (error: KiteError) => {
      clearTimeout(watchdog);
      if (current !== req) return;
      current = undefined;
      void explainCertError(error).then((explained) => {
        if (status.error?.code !== explained.code) log.warn('the hub cannot be reached', { code: explained.code, message: explained.message });
        setStatus({ link: 'offline', error: explained.toPayload() });
        retry();
        if (explained.code === 'hub_unreachable') void refind();
      });
    };
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            unwrap({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), fingerprint: '', certPem: '' }, pairing?.address ?? '');
            failed(hubError('not_a_hub', { address: pairing?.address ?? '' }));
          } catch (error) {
            failed(error instanceof KiteError ? error : hubError('not_a_hub', { address: pairing?.address ?? '' }));
          }
        });
        return;
      }
      attempt = 0;
      alive();
      setStatus({ link: 'online' });
      log.info('connected to the hub', { address: pairing?.address, fingerprint: (res.socket as TLSSocket).getPeerCertificate().fingerprint256 });
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        alive();
        buffer += text;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (data) deliver(data);
        }
      });
      res.on('close', () => failed(hubError('hub_unreachable', { address: pairing?.address ?? '' }, 'the stream ended')));
    });
    req.on('error', (error) => failed(transportError(error, pairing?.address ?? '')));
    req.end();
  }

  function deliver(data: string): void {
    let message: RoomMessage;
    try {
      message = JSON.parse(data) as RoomMessage;
    } catch {
      return log.warn('the hub sent a message that is not JSON');
    }
    for (const fn of handlers.get(message.type) ?? []) {
      try {
        fn(message.payload);
      } catch (error) {
        log.error('a room message handler failed', { type: message.type, error: String(error) });
      }
    }
  }

  function retry(): void {
    if (!running) return;
    const wait = Math.min(maxMs, firstMs * 2 ** attempt++) * (0.8 + Math.random() * 0.4);
    timer = setTimeout(connect, wait);
    timer.unref();
  }

  return {
    pairing: () => pairing,
    status: () => status,
    /** Read the pairing again (after `kite join` or the console paired this PC). */
    reload(): void {
      agent?.destroy();
      pairing = readPairing(hubDir);
      agent = pairing && pinnedAgent(pairing);
      setStatus(pairing ? { link: 'offline' } : { link: 'not_paired' });
      if (running) {
        current?.destroy();
        connect();
      }
    },
    async call<T = unknown>(name: string, input: unknown): Promise<T> {
      const { address, token } = paired();
      try {
        return unwrap<T>(await hubRequest(agent as https.Agent, address, 'POST', `/room/${encodeURIComponent(name)}`, input ?? {}, token), address);
      } catch (error) {
        throw await explainCertError(error instanceof KiteError ? error : transportError(error, address));
      }
    },
    /** GET raw bytes from the hub (content downloads), pinned and authenticated like every call; an error answer is thrown as its KiteError. */
    async open(path: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<http.IncomingMessage> {
      const { address, token } = paired();
      try {
        return await openStream(agent as https.Agent, `${address}${path}`, { ...headers, Authorization: `Bearer ${token}` }, signal, address);
      } catch (error) {
        throw await explainCertError(error instanceof KiteError ? error : transportError(error, address));
      }
    },
    onMessage(type: string, fn: (payload: unknown) => void): () => void {
      const set = handlers.get(type) ?? new Set();
      handlers.set(type, set);
      set.add(fn);
      return () => set.delete(fn);
    },
    onStatus(fn: (status: HubClientStatus) => void): () => void {
      statusListeners.add(fn);
      return () => statusListeners.delete(fn);
    },
    /** Keep the stream from the hub open (reconnecting with backoff) until stop(). */
    start(): void {
      if (running || !pairing) return;
      running = true;
      connect();
    },
    stop(): void {
      running = false;
      clearTimeout(timer);
      current?.destroy();
      current = undefined;
      agent?.destroy();
      agent = pairing && pinnedAgent(pairing);
    },
  };
}
export type HubClient = ReturnType<typeof createHubClient>;

/** Trust exactly the certificate pinned at pairing: it is the only CA, and its fingerprint must match (the hub's address may change). */
function pinnedAgent(pairing: HubPairing): https.Agent {
  return new https.Agent({
    keepAlive: true,
    ca: pairing.certPem,
    checkServerIdentity: (_host, cert) => (cert.fingerprint256 === pairing.fingerprint ? undefined : Object.assign(new Error('the hub shows another certificate'), { code: 'hub_cert_changed' })),
  });
}
