/** Only pictures from the app itself (imported drone panoramas under /media/, or a blob/data URL): no network. */
export function isLocalImage(url: string): boolean {
  return /^\/media\/[A-Za-z0-9._-]+\.(jpe?g|png|webp)$/i.test(url) || /^(blob:|data:image\/)/.test(url);
}
