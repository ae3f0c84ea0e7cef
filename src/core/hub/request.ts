import crypto from 'node:crypto';
import type http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { KiteError, type ErrorPayload } from '../../shared/errors';
import { hubError } from './hub-error';
import { derToPem } from './proof';

/** The port a hub listens on when its address names none. */
export const DEFAULT_HUB_PORT = 5317;
const TIMEOUT_MS = 10_000;

/** "192.168.1.5", "192.168.1.5:5317" or "https://teacher-pc:5317/" → "https://192.168.1.5:5317". */
export function hubOrigin(address: string): string {
  const text = address.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new KiteError('invalid_input', `"${address}" is not a PC address (for example 192.168.1.5 or 192.168.1.5:${DEFAULT_HUB_PORT}).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new KiteError('invalid_input', `"${address}" is not a PC address.`);
  return `https://${url.hostname}:${url.port || DEFAULT_HUB_PORT}`;
}

/** TLS verification failures: with a pinned certificate, the hub shows another one. */
const CERT_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'hub_cert_changed',
]);

export interface HubResponse {
  status: number;
  body: unknown;
  /** SHA-256 of the certificate the hub showed on this connection, and the certificate (PEM). */
  fingerprint: string;
  certPem: string;
}

/** One JSON request to a hub; network and TLS failures become hub_unreachable / hub_cert_changed / not_a_hub. */
export function hubRequest(agent: https.Agent, origin: string, method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<HubResponse> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    const req = https.request(`${origin}${path}`, {
      agent,
      method,
      timeout: TIMEOUT_MS,
      headers: { ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    });
    req.on('response', (res) => {
      const { fingerprint, certPem } = peerCertificate(res.socket as TLSSocket);
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => reject(transportError(error, origin)));
      res.on('end', () => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return reject(hubError('not_a_hub', { address: origin }, `HTTP ${res.statusCode} without JSON`));
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, fingerprint, certPem });
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (error) => reject(transportError(error, origin)));
    req.end(data);
  });
}

/** A GET whose 2xx answer is streamed to the caller; any other answer is read as the hub's JSON error. */
export function openStream(agent: https.Agent, url: string, headers: Record<string, string>, signal: AbortSignal | undefined, origin: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { agent, headers, signal, timeout: TIMEOUT_MS });
    req.on('response', (res) => {
      req.setTimeout(0);
      if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) return resolve(res);
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => reject(transportError(error, origin)));
      res.on('end', () => {
        try {
          unwrap({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), fingerprint: '', certPem: '' }, origin);
        } catch (error) {
          return reject(error instanceof KiteError ? error : hubError('not_a_hub', { address: origin }, `HTTP ${res.statusCode}`));
        }
        reject(hubError('not_a_hub', { address: origin }, `HTTP ${res.statusCode}`));
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (error) => reject(signal?.aborted ? new KiteError('cancelled', 'Stopped.') : transportError(error, origin)));
    req.end();
  });
}

/** The result of a hub's `{ ok, result | error }` answer, or its error as a KiteError. */
export function unwrap<T>(response: HubResponse, origin: string): T {
  const body = response.body as { ok?: boolean; result?: T; error?: ErrorPayload };
  if (body?.ok === true) return body.result as T;
  if (body?.ok === false && body.error?.code) throw KiteError.fromPayload(body.error);
  throw hubError('not_a_hub', { address: origin }, `HTTP ${response.status}`);
}

function peerCertificate(socket: TLSSocket): { fingerprint: string; certPem: string } {
  const raw = socket.getPeerCertificate?.()?.raw;
  return raw ? { fingerprint: new crypto.X509Certificate(raw).fingerprint256, certPem: derToPem(raw) } : { fingerprint: '', certPem: '' };
}

export function transportError(error: unknown, origin: string): KiteError {
  if (error instanceof KiteError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const detail = `${code} ${(error as Error).message}`.trim();
  if (CERT_ERRORS.has(code)) return hubError('hub_cert_changed', { address: origin }, detail);
  if (code === 'EPROTO' || code.startsWith('ERR_SSL') || code === 'HPE_INVALID_CONSTANT') return hubError('not_a_hub', { address: origin }, detail);
  return hubError('hub_unreachable', { address: origin }, detail);
}
