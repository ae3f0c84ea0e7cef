import fs from 'node:fs';
import type { Core } from '../../core';
import { decodeUrlPart, mimeType, resolveInside } from '../../core/fs/safe-path';
import { assetHeaders } from '../../shared/csp';
import { packMediaType } from '../../shared/pack/files';

/**
 * File-serving routes shared by both hosts (the browser host's HTTP and Electron's kite://app):
 * a URL path prefix and how to find the file below it. A resolver returns an absolute path only
 * for a file it is willing to serve (use resolveInside from core/fs/safe-path), with its
 * Content-Type, else undefined. Both hosts answer with HTTP Range support and assetHeaders():
 * these files are data, never a page or a script.
 */
export interface AssetRoute {
  prefix: string;
  resolve(core: Core, rest: string): { file: string; contentType: string } | undefined;
}

/** /packs/<id>/<version>/media/…: pictures, sound, video, subtitles and fonts of the installed version of a pack, nothing else. */
const packAssets: AssetRoute = {
  prefix: '/packs/',
  resolve(core, rest) {
    const [id = '', version = '', ...parts] = rest.split('/');
    if (parts[0] !== 'media') return undefined;
    const dir = core.packs.installedDir(decodeUrlPart(id) ?? '', decodeUrlPart(version) ?? '');
    const file = dir ? resolveInside(dir, parts.join('/')) : undefined;
    // The type comes from the real file's name: a symlink or an odd URL cannot turn a page into a picture.
    const contentType = file ? packMediaType(file.replace(/\\/g, '/')) : undefined;
    return file && contentType && fs.statSync(file).isFile() ? { file, contentType } : undefined;
  },
};

/** Only names the gallery itself writes: <sha256>.<ext> and thumbs/<sha256>[-p<n>].jpg. Nothing else below media/ is served. */
const MEDIA_NAME = /^[a-f0-9]{64}\.(mp4|mov|jpg)$/;
const THUMB_NAME = /^thumbs\/[a-f0-9]{64}(-p[0-7])?\.jpg$/;

const galleryMedia: AssetRoute = {
  prefix: '/media/',
  resolve(core, rest) {
    const file = MEDIA_NAME.test(rest) || THUMB_NAME.test(rest) ? resolveInside(core.layout.media, rest) : undefined;
    return file ? { file, contentType: mimeType(file) } : undefined;
  },
};

/** /recordings/<sha256>.<webm|ogg|m4a>: the teacher's narration, only names the narration store wrote. */
const recordings: AssetRoute = {
  prefix: '/recordings/',
  resolve: (core, rest) => core.narration.file(rest),
};

export const assetRoutes: AssetRoute[] = [packAssets, galleryMedia, recordings];

/** The file for a URL path, when one of the asset routes claims it, with the headers to send it with. */
export function resolveAsset(core: Core, pathname: string): { claimed: boolean; file?: string; headers?: Record<string, string> } {
  for (const route of assetRoutes) {
    if (!pathname.startsWith(route.prefix)) continue;
    const found = route.resolve(core, pathname.slice(route.prefix.length));
    return { claimed: true, file: found?.file, headers: found && assetHeaders(found.contentType) };
  }
  return { claimed: false };
}
