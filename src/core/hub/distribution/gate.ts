import { KiteError } from '../../../shared/errors';

/**
 * At most `limit` holders at once; the others wait in arrival order (FIFO), so no pupil PC starves.
 * A waiter whose signal aborts (its PC hung up) leaves the queue. `stats()` is what tests and the
 * bench observe on the hub side.
 */
export function createGate(limit: number) {
  let active = 0;
  let peak = 0;
  let served = 0;
  const waiting: { grant: () => void; signal?: AbortSignal }[] = [];
  const grantNext = () => {
    while (active < limit && waiting.length > 0) {
      const next = waiting.shift();
      if (next && !next.signal?.aborted) {
        active++;
        peak = Math.max(peak, active);
        next.grant();
      }
    }
  };
  return {
    /** Wait for a place; call the returned function once when done. */
    acquire(signal?: AbortSignal): Promise<() => void> {
      return new Promise((resolve, reject) => {
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          active--;
          served++;
          grantNext();
        };
        const entry = { grant: () => resolve(release), signal };
        signal?.addEventListener('abort', () => {
          const index = waiting.indexOf(entry);
          if (index >= 0) waiting.splice(index, 1);
          reject(new KiteError('cancelled', 'The pupil PC stopped waiting.'));
        }, { once: true });
        waiting.push(entry);
        grantNext();
      });
    },
    stats: () => ({ limit, active, waiting: waiting.length, peak, served }),
  };
}
export type Gate = ReturnType<typeof createGate>;
