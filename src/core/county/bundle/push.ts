import crypto from 'node:crypto';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { ERROR_CODES, KiteError, type ErrorCode } from '../../../shared/errors';
import { backoffMs } from '../../hub/sync/push-loop';

const TIMEOUT_MS = 60_000;

export interface CountyAddress {
  url: string;
  /** "AB:CD:…": only this certificate is accepted (a self-signed county server). Without it, the usual CA checks. */
  certFingerprint?: string;
}

const unreachable = (url: string, detail: string) =>
  new KiteError('county_unreachable', `The county server at ${url} cannot be reached (${detail}).`, { details: { address: url, message: detail } });

/**
 * POST a bundle to {url}/api/bundles and return the answer's JSON (the county's receipt). With a pinned
 * fingerprint the certificate is checked before a byte of the bundle is sent. A refusal by the county
 * (unknown school, tampered…) comes back as its KiteError; anything else is county_unreachable.
 */
export function postBundle(address: CountyAddress, bytes: Buffer): Promise<unknown> {
  const url = `${address.url.replace(/\/+$/, '')}/api/bundles`;
  const pinned = address.certFingerprint?.toUpperCase();
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method: 'POST',
      agent: false,
      timeout: TIMEOUT_MS,
      rejectUnauthorized: !pinned,
      headers: { 'content-type': 'application/octet-stream', 'content-length': bytes.length },
    });
    req.on('socket', (socket) => {
      socket.once('secureConnect', () => {
        const raw = (socket as TLSSocket).getPeerCertificate()?.raw;
        const shown = raw ? new crypto.X509Certificate(raw).fingerprint256 : '';
        if (pinned && shown !== pinned) req.destroy(unreachable(address.url, `its certificate ${shown || '(none)'} is not the configured ${pinned}`));
        else req.end(bytes);
      });
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => reject(unreachable(address.url, error.message)));
      res.on('end', () => {
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return reject(unreachable(address.url, `HTTP ${res.statusCode} without JSON: is this the county server?`));
        }
        if ((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300) return resolve(unwrap(body));
        reject(refusal(body) ?? unreachable(address.url, `HTTP ${res.statusCode}`));
      });
    });
    req.on('timeout', () => req.destroy(unreachable(address.url, `no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', (error) => reject(error instanceof KiteError ? error : unreachable(address.url, `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`.trim())));
  });
}

/** A receipt as the body, or inside `{ ok: true, result }`. */
const unwrap = (body: unknown): unknown => ((body as { ok?: unknown })?.ok === true ? (body as { result: unknown }).result : body);

function refusal(body: unknown): KiteError | undefined {
  const error = ((body as { error?: unknown })?.error ?? body) as { code?: unknown; message?: unknown; details?: Record<string, string | number | boolean> };
  if (typeof error?.code !== 'string' || !(ERROR_CODES as readonly string[]).includes(error.code)) return undefined;
  return new KiteError(error.code as ErrorCode, typeof error.message === 'string' ? error.message : error.code, { details: error.details });
}

export interface CountyPushOptions {
  /** Between pushes when the last one worked. */
  intervalMs: number;
  /** After failures: the hub outbox's backoff (push-loop backoffMs), from these. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  onError?: (error: unknown, failuresInARow: number) => void;
}

export interface CountyPushStatus {
  running: boolean;
  failuresInARow: number;
  lastError: string | null;
  lastSuccessAt: string | null;
}

/**
 * Push a bundle, import the receipt, wait, again, until stopped. A failure waits with the hub outbox's
 * backoff (exponential, capped, jittered: push-loop backoffMs). Nothing is kept in memory a restart
 * needs: what the county acknowledged is in the database (watermarks), the next bundle holds the rest.
 */
export function startCountyPush(pushOnce: () => Promise<void>, options: CountyPushOptions, now: () => number = Date.now) {
  const { intervalMs, baseDelayMs = 30_000, maxDelayMs = 30 * 60_000, random, onError } = options;
  let running = true;
  let failures = 0;
  let lastError: string | null = null;
  let lastSuccessAt: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const waiters: (() => void)[] = [];

  async function run(): Promise<void> {
    while (running) {
      try {
        await pushOnce();
        failures = 0;
        lastError = null;
        lastSuccessAt = new Date(now()).toISOString();
        for (const done of waiters.splice(0)) done();
      } catch (error) {
        failures += 1;
        lastError = error instanceof KiteError ? error.code : error instanceof Error ? error.message : String(error);
        if (running) onError?.(error, failures);
      }
      if (!running) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, failures === 0 ? intervalMs : backoffMs(failures, { baseDelayMs, maxDelayMs, random }));
        timer.unref();
      });
      clearTimeout(timer);
      wake = undefined;
    }
  }
  void run();

  return {
    /** Push now instead of at the end of the wait. */
    pushNow(): void {
      wake?.();
    },
    /** Resolves after the next push that works (tests; "sent" in a status line). */
    nextSuccess(): Promise<void> {
      return new Promise((resolve) => waiters.push(resolve));
    },
    status: (): CountyPushStatus => ({ running, failuresInARow: failures, lastError, lastSuccessAt }),
    stop(): void {
      running = false;
      wake?.();
      for (const done of waiters.splice(0)) done();
    },
  };
}
export type CountyPush = ReturnType<typeof startCountyPush>;
