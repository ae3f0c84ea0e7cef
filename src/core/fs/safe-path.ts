import fs from 'node:fs';
import path from 'node:path';
import { PACK_MEDIA_TYPES } from '../../shared/pack/files';

/**
 * Resolve a URL path below a root folder, or return undefined. Refuses `..`, absolute paths,
 * drive letters, backslashes, NUL bytes, and symlinks that lead out of the root, so no
 * file-serving route can reach outside the folder it serves.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  const decoded = decodeUrlPart(urlPath);
  if (decoded === undefined) return undefined;
  if (decoded.includes('\0') || decoded.includes('\\') || /^[a-zA-Z]:/.test(decoded)) return undefined;
  // Empty and "." parts ("//", "/./") need no filtering: path.join drops them.
  const parts = decoded.split('/');
  if (parts.some((p) => p === '..')) return undefined;
  const realRoot = realpathOrUndefined(root);
  if (!realRoot) return undefined;
  const candidate = path.join(realRoot, ...parts);
  const real = realpathOrUndefined(candidate);
  if (!real) return undefined;
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return undefined;
  return real;
}

/** decodeURIComponent, or undefined for broken percent-encoding (`%`, `%E0%A4%A`) instead of a throw. */
export function decodeUrlPart(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function realpathOrUndefined(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/** The app's own files (the built renderer, the gallery's) beside every type a pack's media may be. */
const MIME: Readonly<Record<string, string>> = {
  ...PACK_MEDIA_TYPES,
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.mov': 'video/quicktime',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type ByteRange = { start: number; end: number };

/**
 * Parse a single-range `Range: bytes=…` header against a file size.
 * undefined = no (usable) range header, serve the whole file; 'unsatisfiable' = answer 416.
 */
export function parseRange(header: string | undefined | null, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return header.trim().startsWith('bytes=') ? 'unsatisfiable' : undefined;
  // Stryker disable next-line StringLiteral: equivalent: both groups always match (maybe empty), so the defaults never apply
  const [, startText = '', endText = ''] = match;
  if (startText === '') {
    // "bytes=-" too: a suffix of 0 bytes.
    const suffix = Number(endText);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(startText);
  const end = endText === '' ? size - 1 : Math.min(Number(endText), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
