import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import https from 'node:https';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { createCountyLink, readBundle, signReceipt } from '../../src/core/county/bundle';
import type { PublisherKey } from '../../src/core/packs/signing';
import type { VerifiedBundle } from '../../src/shared/county/bundle';
import { KiteError } from '../../src/shared/errors';
import { answer, countyKeys, schoolWithWork } from '../support/county';
import { eventually } from '../support/room';

/**
 * A tiny county over real HTTPS (self-signed, like `kite county serve`): it checks each pushed bundle with
 * readBundle and answers a receipt signed by its own key, or the refusal as { error }. county-store's
 * real ingest replaces it in the lead's end-to-end test.
 */
async function tinyCounty(schools: PublisherKey[], port = 0) {
  const pems = await generate([{ name: 'commonName', value: 'county test' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' });
  const county = countyKeys();
  const received: VerifiedBundle[] = [];
  const held = new Map<string, number>(); // device → highest seq with no gap
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method !== 'POST' || req.url !== '/api/bundles' || req.headers['content-type'] !== 'application/octet-stream') return send(404, { error: { code: 'not_found', message: 'no' } });
      readBundle(Buffer.concat(chunks), (id) => schools.find((k) => k.keyId === id)).then(
        (bundle) => {
          received.push(bundle);
          for (const e of bundle.events) if (e.device_seq === (held.get(e.device_id) ?? 0) + 1) held.set(e.device_id, e.device_seq);
          const watermarks = [...held].map(([deviceId, through]) => ({ deviceId, through }));
          send(200, signReceipt({ schoolKeyId: bundle.header.schoolKeyId, bundleChain: bundle.chain, receivedAt: new Date().toISOString(), added: bundle.events.length, again: 0, watermarks, gaps: [] }, county.privateKeyPem));
        },
        (error: KiteError) => send(422, { error: { code: error.code, message: error.message, details: error.details } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  servers.push(server);
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, fingerprint: new crypto.X509Certificate(pems.cert).fingerprint256, county, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
const servers: https.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function school() {
  const s = await schoolWithWork({ pupils: ['小明'] });
  return { ...s, key: s.core.county.publicKey() };
}

describe('pushing bundles to the county', () => {
  it('pushes over HTTPS pinned by fingerprint, imports the receipt, and the next push holds only new events', async () => {
    const s = await school();
    const county = await tinyCounty([s.key]);
    const link = createCountyLink({ db: s.core.db, dataDir: s.dataDir, config: { url: county.url, certFingerprint: county.fingerprint } });
    const total = link.pending();
    const result = await link.pushOnce();
    expect(result).toMatchObject({ countyKeyId: county.county.publicKey.keyId, pinned: true, advanced: 1 });
    expect(county.received[0]?.events).toHaveLength(total);
    expect(link.pending()).toBe(0);

    await answer(s, s.pupilIds[0]!, 1);
    const loop = link.startPush({ intervalMs: 60_000 });
    await loop?.nextSuccess();
    expect(county.received[1]?.events.map((e) => e.device_seq)).toEqual([total + 1, total + 2]);
    expect(link.pending()).toBe(0);
    link.stop();
  });

  it('sends nothing to a server showing another certificate, and says so', async () => {
    const s = await school();
    const county = await tinyCounty([s.key]);
    const link = createCountyLink({ db: s.core.db, dataDir: s.dataDir, config: { url: county.url, certFingerprint: `${'AB:'.repeat(31)}CD` } });
    const pending = link.pending();
    await expect(link.pushOnce()).rejects.toMatchObject({ code: 'county_unreachable', details: { address: county.url } });
    expect(county.received).toEqual([]);
    expect(link.pending()).toBe(pending);
    expect(s.core.db.prepare('SELECT count(*) AS n FROM county_sent').get()).toEqual({ n: 0 }); // a failed push remembers nothing
  });

  it('a pupil PC never pushes (its hub does), and a PC without county.url does not either', async () => {
    const s = await school();
    const county = await tinyCounty([s.key]);
    const config = { url: county.url, certFingerprint: county.fingerprint };
    expect(createCountyLink({ db: s.core.db, dataDir: s.dataDir, config, role: () => 'pupil-pc' }).startPush()).toBeUndefined();
    expect(s.core.county.startPush()).toBeUndefined(); // this core was made with no machine config
    const hub = createCountyLink({ db: s.core.db, dataDir: s.dataDir, config, role: () => 'hub' });
    await hub.startPush()?.nextSuccess();
    expect(county.received).toHaveLength(1);
    hub.stop();
  });

  it("keeps the county's refusal (an unregistered school) and changes nothing", async () => {
    const s = await school();
    const county = await tinyCounty([]);
    const link = createCountyLink({ db: s.core.db, dataDir: s.dataDir, config: { url: county.url, certFingerprint: county.fingerprint } });
    const pending = link.pending();
    await expect(link.pushOnce()).rejects.toMatchObject({ code: 'bundle_unknown_school', details: { keyId: s.key.keyId } });
    expect(link.pending()).toBe(pending);
    expect(s.core.db.prepare('SELECT count(*) AS n FROM county_sent').get()).toEqual({ n: 0 });
  });

  it('retries with backoff while the county is away and sends everything once it is back', async () => {
    const s = await school();
    // A port that is free now: nothing answers there until the county starts on it.
    const probe = await tinyCounty([s.key]);
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const url = `https://127.0.0.1:${port}`;
    const failures: string[] = [];
    const pending = s.core.county.pending();
    const link = createCountyLink({ db: s.core.db, dataDir: s.dataDir, config: { url } });
    const loop = link.startPush({ intervalMs: 60_000, baseDelayMs: 40, maxDelayMs: 200, random: () => 0.5, onError: (e) => failures.push((e as KiteError).code) });
    await eventually(() => failures.length >= 3, 'three failed pushes in a row');
    expect(loop?.status()).toMatchObject({ running: true, lastError: 'county_unreachable', lastSuccessAt: null });
    expect(new Set(failures)).toEqual(new Set(['county_unreachable']));
    expect(link.pending()).toBe(pending);
    link.stop();

    const county = await tinyCounty([s.key], port);
    const pinned = createCountyLink({ db: s.core.db, dataDir: s.dataDir, config: { url, certFingerprint: county.fingerprint } });
    const retrying = pinned.startPush({ intervalMs: 60_000, baseDelayMs: 40, maxDelayMs: 200, random: () => 0.5 });
    await retrying?.nextSuccess();
    expect(county.received.flatMap((b) => b.events)).toHaveLength(pending);
    expect(pinned.pending()).toBe(0);
    expect(loop?.status().running).toBe(false);
    pinned.stop();
  });
});
