import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { _electron as electron } from 'playwright-core';
import { ROOT } from './support/app';

/** The Electron binary, when `npm start` or `node node_modules/electron/install.js` has fetched it. */
function electronBinary(): string | undefined {
  const dir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : undefined;
}

/** What the preload exposes to the page (src/preload). */
type Bridged = Window & { kite?: { invoke(method: string, input: unknown): Promise<unknown> } };

const binary = electronBinary();
if (!binary) process.stdout.write('kiosk-electron: SKIPPED, no Electron binary on this machine (node_modules/electron/dist is missing).\n');

// Runs the real desktop shell in kiosk mode where an Electron binary exists; skipped (and says so) elsewhere.
describe.skipIf(!binary)('the desktop app in kiosk mode (Electron)', () => {
  it('opens full screen in kiosk mode, blocks reload, and refuses a wrong teacher PIN', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-electron-'));
    const config = path.join(dir, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ kiosk: true, schoolName: '青山村小学' }));
    const app = await electron.launch({ executablePath: binary, args: [ROOT, '--data', path.join(dir, 'data'), '--config', config], env: { ...process.env, ELECTRON_RUN_AS_NODE: '' } });
    try {
      const page = await app.firstWindow();
      await page.getByText('青山村小学').waitFor();
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isKiosk())).toBe(true);
      expect(await page.evaluate(() => (window as Bridged).kite?.invoke('kiosk.status', {}))).toEqual({ ok: true, result: { desktop: true, kiosk: true } });

      const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));
      await page.keyboard.press('F5');
      await page.keyboard.press('Control+R');
      expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);

      await page.evaluate(() => (window as Bridged).kite?.invoke('auth.setPin', { pin: '2468' }));
      expect(await page.evaluate(() => (window as Bridged).kite?.invoke('kiosk.exit', { pin: '1111' }))).toMatchObject({ ok: false, error: { code: 'pin_wrong' } });
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    } finally {
      await app.evaluate(({ app: electronApp }) => electronApp.exit(0)).catch(() => undefined);
      await app.close().catch(() => undefined);
    }
  });
});
