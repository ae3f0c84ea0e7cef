import { KiteError } from '../../../shared/errors';
import type { StoredEvent } from '../../progress/store';
import type { HubClock } from './clock';
import type { Outbox, Refusal } from './outbox';

/** What the hub answers to one push (the `events.push` room route returns ingest's result). */
export interface PushAnswer {
  acked: string[];
  refused?: Refusal[];
  /** The hub's clock when it answered: this PC learns how far off its own clock is. */
  hubTime?: string;
}
/** One push to the hub; `sentAt` is this PC's clock, so the hub can tell a PC whose clock is off. */
export type Send = (events: StoredEvent[], meta: { sentAt: string }) => Promise<PushAnswer>;

export interface PushLoopOptions {
  /** Events per push. */
  batchSize?: number;
  /** How often an empty outbox is looked at again (a new answer reaches the hub within about this long). */
  idleMs?: number;
  /** First wait after a failed push; it doubles on each failure in a row, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A push with no answer after this long counts as failed (its events are sent again; the hub ignores the duplicates). */
  timeoutMs?: number;
  /** This PC's clock (the core's). */
  now?: () => number;
  /** 0..1; tests pass a fixed one. */
  random?: () => number;
  /** Told about each failed push (the host logs it; hub_unreachable is normal while the hub is away). */
  onError?: (error: unknown, failuresInARow: number) => void;
}

export interface PushLoopStatus {
  running: boolean;
  pending: number;
  failuresInARow: number;
  /** The last failure: a KiteError's code (hub_unreachable, device_removed, …) for the UI to say, else its message. */
  lastError: string | null;
  lastSuccessAt: string | null;
}

/**
 * Wait before the next try after `failures` failed pushes in a row: exponential, capped, with "equal
 * jitter" (half fixed, half random) so 50 pupil PCs that lost the hub together do not all come back at once.
 */
export function backoffMs(failures: number, { baseDelayMs = 1000, maxDelayMs = 60_000, random = Math.random }: PushLoopOptions = {}): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the hub did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Push this PC's progress to the hub until stopped: a batch of pending events at a time, oldest first;
 * what the hub acknowledges is marked in the same database (so it is never sent again, even after a
 * restart), what it refuses is set aside with its reason. A failed or lost push is simply retried after a
 * backoff: the hub ignores duplicates and acknowledges them again. Nothing here is kept in memory that a
 * restart would need: the next start sends whatever is still unacknowledged.
 */
export function startPushLoop(outbox: Outbox, send: Send, options: PushLoopOptions = {}, clock?: HubClock) {
  const { batchSize = 200, idleMs = 1000, timeoutMs = 30_000, now = Date.now, onError } = options;
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let backingOff = false;
  let failures = 0;
  let lastError: string | null = null;
  let lastSuccessAt: string | null = null;
  const waiters: (() => void)[] = [];

  // A restart (or a new start) gives refused events another chance: the hub may know their pupil now.
  outbox.retryRefused();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
      timer.unref();
    }).finally(() => {
      clearTimeout(timer);
      wake = undefined;
    });

  /** One push; true when one was made (look again at once: more may be waiting). */
  async function pushOnce(): Promise<boolean> {
    const batch = outbox.pending(batchSize);
    if (batch.length === 0) return false;
    const sentAt = now();
    const answer = await withTimeout(send(batch, { sentAt: new Date(sentAt).toISOString() }), timeoutMs);
    if (!running) return false; // stopped (core closing) while the hub answered: the next start resends
    if (answer.hubTime) clock?.learn(answer.hubTime, sentAt, now());
    const sent = new Set(batch.map((e) => e.id));
    outbox.acknowledge(answer.acked.filter((id) => sent.has(id)));
    outbox.refuse((answer.refused ?? []).filter((r) => r.id !== null && sent.has(r.id)));
    if (answer.acked.length === 0 && (answer.refused ?? []).length === 0) throw new Error('the hub took none of the events');
    failures = 0;
    lastError = null;
    lastSuccessAt = new Date(now()).toISOString();
    return true;
  }

  async function run(): Promise<void> {
    while (running) {
      let more = false;
      try {
        more = await pushOnce();
      } catch (error) {
        if (!running) break;
        failures += 1;
        lastError = error instanceof KiteError ? error.code : error instanceof Error ? error.message : String(error);
        onError?.(error, failures);
      }
      if (!running) break;
      if (failures === 0 && !more) for (const done of waiters.splice(0)) done();
      backingOff = failures > 0;
      if (!more || backingOff) await sleep(backingOff ? backoffMs(failures, options) : idleMs);
      backingOff = false;
    }
  }
  void run();

  return {
    /** Look at the outbox now (after a new answer) instead of at the next tick; a backoff wait after failures is kept. */
    kick(): void {
      if (!backingOff) wake?.();
    },
    /** Try now, even in a backoff wait (the hub client has just reconnected). */
    retryNow(): void {
      wake?.();
    },
    /** Resolves when the outbox was seen empty after a successful push or look (tests; "all sent" in the UI). */
    drained(): Promise<void> {
      return new Promise((resolve) => {
        if (!running) return resolve();
        waiters.push(resolve);
        if (!backingOff) wake?.();
      });
    },
    status(): PushLoopStatus {
      return { running, pending: running ? outbox.pendingCount() : 0, failuresInARow: failures, lastError, lastSuccessAt };
    },
    /** Stop; resolves at once (a push still in flight is not waited for: its answer is ignored, and the events are resent next start). */
    stop(): Promise<void> {
      running = false;
      wake?.();
      for (const done of waiters.splice(0)) done();
      return Promise.resolve();
    },
  };
}
export type PushLoop = ReturnType<typeof startPushLoop>;
