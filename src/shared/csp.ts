/**
 * The Content-Security-Policy both hosts send. Everything comes from the app itself: no CDN,
 * no web font, no remote script. Inline styles are allowed for React's style props only
 * (React sets them through the CSSOM); no inline or eval'd script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The microphone is for the teacher's narration recordings, from the app's own page only.
  'Permissions-Policy': 'camera=(), microphone=(self), geolocation=(), payment=(), usb=()',
};

/**
 * For files from lesson packs and the gallery: data, never a page. Opened directly (a link, a new
 * tab), even an SVG carrying a script runs nothing: the sandbox gives it no script and an opaque
 * origin, so nothing it does can reach the app or its API.
 */
export const ASSET_CONTENT_SECURITY_POLICY = [
  'sandbox',
  "default-src 'none'",
  "img-src 'self' data:",
  "media-src 'self'",
  "style-src 'unsafe-inline'",
  "font-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers both hosts send with a pack or gallery file (Electron's kite:// and the browser host). */
export function assetHeaders(contentType: string): Record<string, string> {
  return {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': ASSET_CONTENT_SECURITY_POLICY,
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Content-Type': contentType,
  };
}
