import { KiteError, type ErrorPayload } from '../../../../shared/errors';
import type { HeadsetCatalogue } from '../../../../shared/headset';

/**
 * The headset page's calls to the hub (src/core/hub/headset/site.ts), relative to /headset/. The
 * credential is the hub's HttpOnly cookie: the page never sees it, the browser sends it.
 */
async function call<T>(name: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`api/${name}`, { credentials: 'same-origin', cache: 'no-store', ...init });
  } catch {
    throw new KiteError('hub_unreachable', "The teacher's PC cannot be reached.", { details: { address: location.host } });
  }
  const body = (await res.json().catch(() => null)) as { ok: true; result: T } | { ok: false; error: ErrorPayload } | null;
  if (!body) throw new KiteError('internal', `The teacher's PC answered ${res.status}.`);
  if (!body.ok) throw KiteError.fromPayload(body.error);
  return body.result;
}

export const headsetApi = {
  catalogue: () => call<HeadsetCatalogue>('catalogue'),
  join: (code: string) => call<{ name: string }>('join', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) }),
};

/** The hub does not (or no longer) know this headset: it must join with the code. */
export const mustJoin = (error: unknown): boolean => error instanceof KiteError && ['device_unknown', 'device_removed', 'forbidden'].includes(error.code);
