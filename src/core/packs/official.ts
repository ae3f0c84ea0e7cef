import fs from 'node:fs';
import path from 'node:path';
import type { TrustedKey } from '../../shared/contract/packs';
import { parsePublicKey, type PublisherKey } from './signing';

/**
 * Who signs the official built-in lessons.
 *
 * - A release build (`npm run dist`) signs them with the release key, whose private half comes
 *   from the environment (never from this repository); its public half is RELEASE_KEY below and is
 *   trusted everywhere.
 * - A development or test build (`npm run build`) signs them with a development key made on the
 *   fly (.kite-dev-key/, gitignored) and puts its public half beside the packs as DEV_KEY_FILE. Only
 *   a development build reads that file: a release bundle is compiled with __KITE_RELEASE_BUILD__
 *   set, which turns the reading off, the release pack build never writes the file, and the
 *   installer's filter takes only *.kpack. The development key is trusted for the running process
 *   only, never stored in the database.
 */
export const RELEASE_KEY: TrustedKey = {
  keyId: '9adeefc8c8b7981f',
  name: 'Kite Classroom',
  publicKey: 'ZJjwgg2wM0l5Le2anC87ChZP11/IoBc82sR4kx414lQ=',
  builtin: true,
  addedAt: '2026-11-29T00:00:00.000Z',
};

/** The development key's public half, beside the built-in packs of a development build. */
export const DEV_KEY_FILE = 'dev-publisher-key.pub';

declare const __KITE_RELEASE_BUILD__: boolean | undefined;
/** True in the bundle `npm run dist` makes (electron.vite.config.ts defines it). */
export const RELEASE_BUILD: boolean = typeof __KITE_RELEASE_BUILD__ !== 'undefined' && __KITE_RELEASE_BUILD__;

/** The development key to trust for this run, or undefined (always in a release build). */
export function devPublisherKey(builtinPacksDir: string, releaseBuild: boolean = RELEASE_BUILD): TrustedKey | undefined {
  if (releaseBuild) return undefined;
  let key: PublisherKey;
  try {
    key = parsePublicKey(fs.readFileSync(path.join(builtinPacksDir, DEV_KEY_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  return { ...key, name: 'Kite Classroom (development build)', builtin: true, addedAt: new Date(0).toISOString() };
}
