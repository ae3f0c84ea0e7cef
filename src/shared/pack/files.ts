/**
 * What a lesson pack may hold: lessons as JSON, and under media/ only pictures, sound, video,
 * subtitles and fonts. Never HTML, script, or anything else a browser would run: pack files are
 * served from the app's own origin. Names must also be ones Windows can hold.
 */
export const PACK_MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
  '.srt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/** The Content-Type of a pack media file, or undefined for a type packs may not hold. */
export function packMediaType(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || dot < name.lastIndexOf('/')) return undefined;
  const ext = name.slice(dot).toLowerCase();
  return Object.prototype.hasOwnProperty.call(PACK_MEDIA_TYPES, ext) ? PACK_MEDIA_TYPES[ext] : undefined;
}

/** CON, PRN, AUX, NUL, COM0–9, LPT0–9, CONIN$, CONOUT$: devices on Windows, with or without an extension, in any case. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\.|$)/i;

/** Why Windows cannot hold this path (one part is a device name, or ends in a dot or space), or undefined. */
export function windowsNameProblem(name: string): string | undefined {
  for (const part of name.replace(/\/$/, '').split('/')) {
    if (WINDOWS_DEVICE.test(part)) return `uses "${part}", a name Windows reserves for a device`;
    if (/[. ]$/.test(part) && part !== '.' && part !== '..') return `has "${part}", which ends in a dot or space (Windows cannot hold it)`;
    if (/[<>:"|?*]/.test(part)) return `has "${part}", with a character Windows cannot hold in a name (< > : " | ? *)`;
  }
  return undefined;
}

const ALLOWED = 'pictures, sound, video, subtitles and fonts';

export interface PackEntryProblem {
  /** The error code an importer refuses the pack with. */
  code: 'pack_windows_name' | 'pack_forbidden_type';
  message: string;
}

/**
 * Why an entry may not be in a pack (besides the zip-safety rules), or undefined when it may.
 * Folders (ending in /) are checked for their names only.
 */
export function packEntryProblem(name: string): PackEntryProblem | undefined {
  const windows = windowsNameProblem(name);
  if (windows) return { code: 'pack_windows_name', message: windows };
  const forbidden = (message: string): PackEntryProblem => ({ code: 'pack_forbidden_type', message });
  if (name.endsWith('/') || name === 'manifest.json' || name === 'signature.json') return undefined;
  if (name.startsWith('lessons/')) return name.toLowerCase().endsWith('.json') ? undefined : forbidden('is not a .json lesson file');
  if (name.startsWith('media/')) return packMediaType(name) ? undefined : forbidden(`is not a type lesson packs may hold (only ${ALLOWED})`);
  return forbidden('is outside lessons/ and media/');
}
