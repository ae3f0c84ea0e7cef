#!/usr/bin/env node
// Render assets/icon.svg to the PNG and ICO icons electron-builder needs (build/), using the system
// Chromium through playwright-core. Run after changing the SVG; the results are committed.
//   node scripts/make-icons.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(join(root, 'assets', 'icon.svg'), 'utf8');
const PNG_SIZES = [512, 256];
const ICO_SIZES = [256, 128, 64, 48, 32, 16];
const LINUX_SIZES = [512, 256, 128, 64, 48, 32, 16];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage();
const render = async (size) => {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
};

const pngs = new Map();
for (const size of new Set([...PNG_SIZES, ...ICO_SIZES, ...LINUX_SIZES])) pngs.set(size, await render(size));
await browser.close();

mkdirSync(join(root, 'build', 'icons'), { recursive: true });
writeFileSync(join(root, 'build', 'icon.png'), pngs.get(512));
writeFileSync(join(root, 'build', 'icon-256.png'), pngs.get(256));
for (const size of LINUX_SIZES) writeFileSync(join(root, 'build', 'icons', `${size}x${size}.png`), pngs.get(size));
writeFileSync(join(root, 'build', 'icon.ico'), ico(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
console.log('wrote build/icon.png, build/icon-256.png, build/icons/*.png, build/icon.ico');

/** An ICO file is a small directory of images; since Windows Vista each may simply be a PNG. */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}
