import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * @pmndrs/xr (under @react-three/xr) can load a WebXR emulator (iwer, with its dev UI) on localhost.
 * The app never ships it: the headset view turns it off, and this keeps its code out of the bundle.
 * Tests inject their own emulator into the page (tests/e2e/support/headset.ts).
 */
const NO_XR_EMULATOR = '\0kite-no-xr-emulator';
const noXrEmulator = {
  name: 'kite-no-xr-emulator',
  enforce: 'pre' as const,
  resolveId: (source: string, importer?: string) => (source === './emulate.js' && importer?.includes('@pmndrs/xr') ? NO_XR_EMULATOR : null),
  load: (id: string) => (id === NO_XR_EMULATOR ? 'export function emulate() { return undefined; }' : null),
};

// One build for everything: the Electron main process and the `kite` CLI share the Node bundle
// (out/main), the preload is CommonJS (sandboxed preloads cannot be ES modules), the renderer
// is a static site served by kite:// or the browser host.
export default defineConfig({
  main: {
    // A release bundle (`npm run dist`, scripts/build-release.ts) never trusts a development key.
    define: { __KITE_RELEASE_BUILD__: JSON.stringify(process.env.KITE_RELEASE_BUILD === '1') },
    build: {
      // Pure-JS dependencies go into the bundle: resolving zod's many ES module files one by one
      // cost ~80 ms at every start. better-sqlite3 (native) and electron stay external. The installer
      // leaves these out of node_modules (electron-builder.yml; builder-config.test.ts keeps the two in step).
      externalizeDeps: { exclude: ['zod', 'mp4box', 'csv-parse', 'yauzl', 'yazl'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), noXrEmulator],
    build: {
      // Two pages: the app, and the headset page a VR headset's browser opens from the hub (src/core/hub/headset).
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html'), headset: resolve(__dirname, 'src/renderer/headset.html') } },
      // What each page loads: the hub serves a headset only its page's own files (src/core/hub/headset/site.ts).
      manifest: 'vite-manifest.json',
      minify: true,
      chunkSizeWarningLimit: 1200,
    },
  },
});
