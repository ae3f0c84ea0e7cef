import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ContentItem } from '../../../shared/contract/hub-content';
import { KiteError } from '../../../shared/errors';
import { createKv } from '../../db/kv';
import type { MediaService } from '../../media';
import { mediaFileName } from '../../media';
import { hashFile } from '../../packs/build';
import { exportInstalledPack } from '../../packs/export';
import { inLanguage } from '../../packs/lesson-text';
import type { PackService } from '../../packs/service';

const OFFER_KEY = 'hub.content.offer';
const EXPORT_PREFIX = 'hub.content.pack:';

export interface OfferDeps {
  db: Database.Database;
  /** <data>/hub/content: the .kpack files the hub made of its installed packs, named <sha256>.kpack. */
  dir: string;
  packs: PackService;
  media: MediaService;
  language: () => string;
}

/**
 * The hub's side of distribution: what it sends to the room (the offer, kept in SQLite so a
 * restarted hub still sends it) and the file behind each SHA-256. A pack goes out as a .kpack
 * made once from its installed version (exportInstalledPack: the same bytes every time); a
 * gallery item is its own file, already named by its SHA-256.
 */
export function createOffer({ db, dir, packs, media, language }: OfferDeps) {
  const kv = createKv(db);
  const read = (): ContentItem[] => JSON.parse(kv.get(OFFER_KEY) ?? '[]') as ContentItem[];

  async function packItem(packId: string): Promise<ContentItem> {
    const pack = packs.list().find((p) => p.id === packId);
    const installed = pack && packs.installedDir(pack.id, pack.version);
    if (!pack || !installed) throw new KiteError('not_found', `The lesson pack ${packId} is not installed on this PC.`);
    const exportKey = `${EXPORT_PREFIX}${pack.id}@${pack.version}@${pack.installedAt}`;
    let sha256 = kv.get(exportKey);
    if (!sha256 || !fs.existsSync(path.join(dir, `${sha256}.kpack`))) {
      fs.mkdirSync(dir, { recursive: true });
      const made = path.join(dir, `export-${process.pid}-${Date.now()}.kpack`);
      try {
        await exportInstalledPack(installed, made);
        sha256 = (await hashFile(made)).sha256;
        fs.renameSync(made, path.join(dir, `${sha256}.kpack`));
      } finally {
        fs.rmSync(made, { force: true });
      }
      kv.set(exportKey, sha256);
    }
    const key = pack.signature === 'trusted' ? keyOf(pack.id) : undefined;
    return {
      sha256,
      size: fs.statSync(path.join(dir, `${sha256}.kpack`)).size,
      name: inLanguage(pack.title, language()),
      kind: 'pack',
      packId: pack.id,
      version: pack.version,
      signature: pack.signature,
      ...(key ? { publisher: key } : {}),
    };
  }

  /** The publisher key the hub verified this pack's signature with (from its signature.json). */
  function keyOf(packId: string): ContentItem['publisher'] {
    const pack = packs.list().find((p) => p.id === packId);
    const dirOf = pack && packs.installedDir(pack.id, pack.version);
    if (!dirOf) return undefined;
    try {
      const { keyId } = JSON.parse(fs.readFileSync(path.join(dirOf, 'signature.json'), 'utf8')) as { keyId: string };
      const key = packs.trust.get(keyId);
      return key && { keyId: key.keyId, name: key.name, publicKey: key.publicKey };
    } catch {
      return undefined;
    }
  }

  function mediaItem(sha256: string): ContentItem {
    const item = media.get(sha256);
    return { sha256, size: item.size, name: item.title, kind: 'media', ext: item.ext as 'mp4' | 'mov' | 'jpg' };
  }

  return {
    list: read,
    packItem,
    /** Add these to what the room should have: a newer pack version replaces the older one in the offer. */
    async send(packIds: string[], mediaShas: string[]): Promise<ContentItem[]> {
      const added = [...(await Promise.all(packIds.map(packItem))), ...mediaShas.map(mediaItem)];
      const kept = read().filter((old) => !added.some((item) => item.sha256 === old.sha256 || (item.packId && item.packId === old.packId)));
      const offer = [...kept, ...added];
      kv.set(OFFER_KEY, JSON.stringify(offer));
      return offer;
    },
    /** The file behind a SHA-256 the hub serves: only what it made for the room or has in its gallery. */
    fileOf(sha256: string): string | undefined {
      if (!/^[a-f0-9]{64}$/.test(sha256)) return undefined;
      const kpack = path.join(dir, `${sha256}.kpack`);
      if (fs.existsSync(kpack)) return kpack;
      if (!media.has(sha256)) return undefined;
      const file = path.join(media.dir, mediaFileName(sha256, media.get(sha256).ext));
      return fs.existsSync(file) ? file : undefined;
    },
  };
}
export type Offer = ReturnType<typeof createOffer>;
