import fs from 'node:fs';
import path from 'node:path';

/**
 * Resolve a URL path below a root folder, or return undefined. Refuses `..`, absolute paths,
 * drive letters, backslashes, NUL bytes, and symlinks that lead out of the root, so no
 * file-serving route can reach outside the folder it serves.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  const decoded = decodeUrlPart(urlPath);
  if (decoded === undefined) return undefined;
  if (decoded.includes('\0') || decoded.includes('\\') || /^[a-zA-Z]:/.test(decoded)) return undefined;
  const parts = decoded.split('/').filter((p) => p !== '' && p !== '.');
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

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
  '.srt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
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
  const [, startText = '', endText = ''] = match;
  if (startText === '' && endText === '') return 'unsatisfiable';
  if (startText === '') {
    const suffix = Number(endText);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(startText);
  const end = endText === '' ? size - 1 : Math.min(Number(endText), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
