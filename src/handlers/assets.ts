import fs from 'node:fs';
import type { Core } from '../core';
import { resolveInside } from '../core/files/safe-path';

/**
 * File-serving routes shared by both hosts (the browser host's HTTP and Electron's kite://app):
 * a URL path prefix and how to find the file below it. A resolver returns an absolute path only
 * for a file it is willing to serve (use resolveInside from core/files/safe-path), else undefined.
 * Both hosts answer with HTTP Range support and the security headers.
 */
export interface AssetRoute {
  prefix: string;
  resolve(core: Core, rest: string): string | undefined;
}

/** /packs/<id>/<version>/media/…: the media of the installed version of a pack, nothing else. */
const packAssets: AssetRoute = {
  prefix: '/packs/',
  resolve(core, rest) {
    const [id = '', version = '', ...parts] = rest.split('/');
    if (parts[0] !== 'media') return undefined;
    const dir = core.packs.installedDir(safeDecode(id), safeDecode(version));
    const file = dir ? resolveInside(dir, parts.join('/')) : undefined;
    return file && fs.statSync(file).isFile() ? file : undefined;
  },
};

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

/** Only names the gallery itself writes: <sha256>.<ext> and thumbs/<sha256>[-p<n>].jpg. Nothing else below media/ is served. */
const MEDIA_NAME = /^[a-f0-9]{64}\.(mp4|mov|jpg)$/;
const THUMB_NAME = /^thumbs\/[a-f0-9]{64}(-p[0-7])?\.jpg$/;

const galleryMedia: AssetRoute = {
  prefix: '/media/',
  resolve: (core, rest) => (MEDIA_NAME.test(rest) || THUMB_NAME.test(rest) ? resolveInside(core.layout.media, rest) : undefined),
};

export const assetRoutes: AssetRoute[] = [packAssets, galleryMedia];

/** The file for a URL path, when one of the asset routes claims it. */
export function resolveAsset(core: Core, pathname: string): { claimed: boolean; file?: string } {
  for (const route of assetRoutes) {
    if (pathname.startsWith(route.prefix)) return { claimed: true, file: route.resolve(core, pathname.slice(route.prefix.length)) };
  }
  return { claimed: false };
}
