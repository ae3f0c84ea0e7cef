import type { Core } from '../../core';
import type { Uploads } from '../../core/fs/uploads';
import { HTTP_STATUS, KiteError } from '../../shared/errors';

/**
 * Where both hosts take a file the teacher picked: POST the file as the body to `/upload/<kind>?token=…`,
 * with a one-time token from that kind's uploadToken method (packs.uploadToken, progress.uploadToken).
 * The body is streamed to <data>/tmp/ (core/fs/uploads.ts); the token proves the teacher role.
 */
export const UPLOAD_PATHS = { pack: '/upload/pack', progress: '/upload/progress' } as const;
export type UploadKindName = keyof typeof UPLOAD_PATHS;

const uploadsOf = (core: Core, kind: UploadKindName): Uploads => (kind === 'pack' ? core.packs.uploads : core.progress.uploads);

/** The upload a request path names, if any. */
export function uploadKindAt(pathname: string): UploadKindName | undefined {
  return (Object.keys(UPLOAD_PATHS) as UploadKindName[]).find((kind) => UPLOAD_PATHS[kind] === pathname);
}

/** The one-time URL a console POSTs the file to. */
export const uploadUrl = (core: Core, kind: UploadKindName): { url: string } => ({ url: `${UPLOAD_PATHS[kind]}?token=${uploadsOf(core, kind).token()}` });

/** The JSON answer to an upload, the same envelope as the API's: the hosts only send it. */
export async function receiveUpload(core: Core, kind: UploadKindName, token: string | null, body: AsyncIterable<Buffer>, declaredBytes?: number): Promise<{ status: number; json: unknown }> {
  try {
    const result = await uploadsOf(core, kind).receive(token, body, declaredBytes);
    return { status: 200, json: { ok: true, result } };
  } catch (error) {
    if (error instanceof KiteError) return { status: HTTP_STATUS[error.code], json: { ok: false, error: error.toPayload() } };
    core.log.error('upload failed', { kind, error: error instanceof Error ? error.stack : String(error) });
    return { status: 500, json: { ok: false, error: { code: 'internal', message: 'Something went wrong inside the app.' } } };
  }
}
