import { Bonjour, type Service } from 'bonjour-service';
import type { FoundHub } from '../../shared/contract/hub';

/**
 * Finding the hub on the room's network with DNS-SD over mDNS (bonjour-service: pure JavaScript,
 * both advertising and browsing, maintained; @homebridge/ciao only advertises). What is advertised
 * is only a hint: a pupil PC still pairs with the join code and pins the certificate, so a PC
 * advertising a false hub gains nothing.
 */
export const HUB_SERVICE_TYPE = 'kite-hub';

export type { FoundHub };

export interface Advertised {
  stop(): Promise<void>;
}

export function advertiseHub({ name, port, hubId, fingerprint }: { name: string; port: number; hubId: string; fingerprint: string }): Advertised {
  const bonjour = new Bonjour();
  const service = bonjour.publish({ name: `${name} (${hubId.slice(0, 8)})`, type: HUB_SERVICE_TYPE, port, txt: { v: '1', id: hubId, fp: fingerprint.replace(/:/g, '').toLowerCase() } });
  // A name clash (two hubs called alike) or a network without multicast is no reason to stop the hub.
  service.on('error', () => undefined);
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        bonjour.unpublishAll(() => {
          bonjour.destroy();
          resolve();
        });
      }),
  };
}

/** The hubs that answer within `waitMs`, one entry per hub (the first address it answered from). */
export async function findHubs(waitMs = 3000): Promise<FoundHub[]> {
  const bonjour = new Bonjour();
  const found = new Map<string, FoundHub>();
  const browser = bonjour.find({ type: HUB_SERVICE_TYPE }, (service: Service) => {
    const hub = toFound(service);
    if (hub && !found.has(hub.hubId)) found.set(hub.hubId, hub);
  });
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  browser.stop();
  bonjour.destroy();
  return [...found.values()];
}

function toFound(service: Service): FoundHub | undefined {
  const txt = (service.txt ?? {}) as Record<string, unknown>;
  const id = typeof txt.id === 'string' ? txt.id : undefined;
  const fp = typeof txt.fp === 'string' && /^[0-9a-f]{64}$/.test(txt.fp) ? txt.fp : undefined;
  const ip = service.referer?.address ?? service.addresses?.find((a) => a.includes('.'));
  if (!id || !fp || !ip || !service.port) return undefined;
  return { name: service.name, address: `https://${ip}:${service.port}`, hubId: id, fingerprint: (fp.toUpperCase().match(/../g) ?? []).join(':') };
}
