/**
 * Only pictures from the app itself: a same-origin path such as an imported drone panorama
 * (/media/<sha>.jpg) or a lesson pack's asset, or a blob/data URL. Never another host (no network).
 */
export function isLocalImage(url: string): boolean {
  if (/^(blob:|data:image\/)/.test(url)) return true;
  return /^\/(?!\/)[A-Za-z0-9._~/-]+\.(jpe?g|png|webp)$/i.test(url) && !url.split('/').includes('..');
}
