import type { Core } from '../../core';
import { HTTP_STATUS, KiteError } from '../../shared/errors';

/**
 * Where both hosts take a .kpack the teacher picked: POST the file as the body to
 * `/upload/pack?token=…`, with a one-time token from packs.uploadToken. The body is streamed to
 * <data>/tmp/ (core/packs/upload.ts keeps it for packs.preview); the token proves the teacher role.
 */
export const PACK_UPLOAD_PATH = '/upload/pack';

/** The JSON answer to an upload, the same envelope as the API's: the hosts only send it. */
export async function receivePackUpload(core: Core, token: string | null, body: AsyncIterable<Buffer>, declaredBytes?: number): Promise<{ status: number; json: unknown }> {
  try {
    const result = await core.packs.uploads.receive(token, body, declaredBytes);
    return { status: 200, json: { ok: true, result } };
  } catch (error) {
    if (error instanceof KiteError) return { status: HTTP_STATUS[error.code], json: { ok: false, error: error.toPayload() } };
    core.log.error('pack upload failed', { error: error instanceof Error ? error.stack : String(error) });
    return { status: 500, json: { ok: false, error: { code: 'internal', message: 'Something went wrong inside the app.' } } };
  }
}
