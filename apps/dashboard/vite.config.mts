// Vite builds the dashboard into dist/apps/dashboard/public, where the orchestrator serves it at `/`.
// `npx vite apps/dashboard` serves it with live reload, proxying /api and /ws to an orchestrator on port 3000.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const orchestrator = process.env.SILOLAB_ORCHESTRATOR_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here,
  base: '/',
  // JSX compiles to Preact's automatic runtime; no plugin is needed for that.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/dashboard/public', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // sigma (WebGL) and chart.js make one chunk of ~600 kB (~180 kB gzipped): fine for a page served on a LAN.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': orchestrator,
      '/ws': { target: orchestrator.replace(/^http/, 'ws'), ws: true },
    },
  },
});
