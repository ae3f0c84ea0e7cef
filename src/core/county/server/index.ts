import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SECURITY_HEADERS } from '../../../shared/csp';
import { httpsAddress, lanAddresses } from '../../hub/addresses';
import { loadOrCreateIdentity } from '../../hub/identity';
import type { Logger } from '../../log/logger';
import { createCountyRoutes, type CountyRoutesOptions } from './routes';

export interface CountyServerOptions extends Omit<CountyRoutesOptions, 'receiptsDir'> {
  /** The county data folder: its TLS identity (tls/identity.json) and kept receipts (receipts/). */
  dataDir: string;
  port: number;
  /** Default: every network (schools push to it). */
  host?: string;
  log: Logger;
}

export interface RunningCountyServer {
  /** The addresses schools and viewers use, best first. */
  urls: string[];
  port: number;
  /** The certificate's SHA-256 fingerprint: schools put it in their machine config (county.certFingerprint). */
  fingerprint: string;
  close(): Promise<void>;
}

/** Pages: no script at all, our stylesheet, forms only to ourselves (the app's CSP, tightened for server-rendered pages). */
const COUNTY_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The county server: HTTPS with a self-signed certificate made on first start (the classroom hub's
 * identity code, core/hub/identity), the push endpoint, the upload page and the dashboard.
 */
export async function startCountyServer(options: CountyServerOptions): Promise<RunningCountyServer> {
  const identity = await loadOrCreateIdentity(path.join(options.dataDir, 'tls'), 'county', options.log, 'county');
  const handler = createCountyRoutes({ ...options, receiptsDir: path.join(options.dataDir, 'receipts') });
  const server = https.createServer({ cert: identity.certPem, key: identity.keyPem }, (req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    res.setHeader('Content-Security-Policy', COUNTY_CSP);
    res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    handler(req, res);
  });
  // A slow or stalled client must not hold a socket for ever.
  server.requestTimeout = 5 * 60_000;
  server.headersTimeout = 30_000;
  const host = options.host ?? '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hosts = host === '0.0.0.0' || host === '::' ? [...lanAddresses(), '127.0.0.1'] : [host];
  return {
    urls: hosts.map((h) => httpsAddress(h, port)),
    port,
    fingerprint: identity.fingerprint,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
