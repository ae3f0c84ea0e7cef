import fs from 'node:fs';
import path from 'node:path';
import type { ContentItem } from '../../../shared/contract/hub-content';
import type { TrustedKey } from '../../../shared/contract/packs';
import { ERROR_CODES, KiteError, type ErrorCode } from '../../../shared/errors';
import type { MediaService } from '../../media';
import type { PackService } from '../../packs/service';
import { parsePublicKey } from '../../packs/signing';

/**
 * Put a checked file from the hub to use, through the same import as a file from a USB stick.
 *
 * Trust (README "Trust"): a pack the hub trusts is trusted by the room. The hub names the publisher
 * key it verified the pack with, and this PC verifies the signature itself with that key (for this
 * pack only; its own trust store is not changed): a signature that does not match is refused, as
 * always. An unsigned pack, or one from a publisher the hub does not know, was confirmed with the
 * teacher's PIN on the hub; that confirmation counts for the room, unless this PC's policy is
 * "only signed packs" (packTrustPolicy: refuse), which still refuses it.
 */
export async function importFetched(item: ContentItem, file: string, deps: { packs: PackService; media: MediaService; staging: string; signal: AbortSignal }): Promise<void> {
  if (item.kind === 'pack') {
    await deps.packs.install(file, { roomKey: roomKey(item), trustConfirmed: item.signature !== 'trusted', signal: deps.signal });
    return;
  }
  // A gallery item: named by its title in a folder of its own, imported as from a card.
  const folder = path.join(deps.staging, 'media');
  fs.mkdirSync(folder, { recursive: true });
  const name = `${fileSafe(item.name) || 'video'}.${item.ext ?? 'mp4'}`;
  fs.renameSync(file, path.join(folder, name));
  const report = await deps.media.importFolder(folder, deps.signal);
  if (report.imported.includes(item.sha256) || report.duplicates.includes(item.sha256)) return;
  if (report.cancelled) throw new KiteError('cancelled', 'Stopped.');
  const failure = report.failed[0];
  const code = (ERROR_CODES as readonly string[]).includes(failure?.code ?? '') ? (failure?.code as ErrorCode) : 'media_invalid';
  throw new KiteError(code, failure?.reason ?? 'The file could not be added to the gallery.', failure?.details ? { details: failure.details } : undefined);
}

/** The publisher key the hub vouches for, when its id really is that key's. */
function roomKey(item: ContentItem): TrustedKey | undefined {
  if (item.signature !== 'trusted' || !item.publisher) return undefined;
  try {
    const parsed = parsePublicKey(item.publisher.publicKey);
    if (parsed.keyId !== item.publisher.keyId) return undefined;
    return { ...parsed, name: item.publisher.name, builtin: false, addedAt: new Date(0).toISOString() };
  } catch {
    return undefined;
  }
}

/** A title as a file name on any PC: no path separators, reserved or control characters. */
function fileSafe(title: string): string {
  return [...title].map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('').trim().slice(0, 120);
}
