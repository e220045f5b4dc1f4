import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// The API server (see server/) listens here during development.
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    react(),
    // The service worker (`dist/sw.js`, one file: Workbox's runtime inlined) that lets a
    // candidate reload the page offline. Registered by src/offline/register.ts after the
    // page has settled, never on the first load's path. The server serves `sw.js` with
    // `Cache-Control: no-cache`, so a new build reaches browsers at their next visit.
    VitePWA({
      strategies: 'generateSW',
      filename: 'sw.js',
      injectRegister: false,
      manifest: false,
      workbox: {
        inlineWorkboxRuntime: true,
        // The app shell: index.html and the hashed JS and CSS of candidate pages and
        // languages. Not the staff pages (candidates never open them), not the editor
        // (Monaco and its workers) nor fonts: those are cached at run time, when used.
        globPatterns: ['index.html', 'assets/*.{js,css}'],
        globIgnores: ['**/StaffApp-*', '**/*monaco*', '**/*editor.api*', '**/*.worker*', '**/*worker-*'],
        // Whatever only the editor's lazy Monaco import reaches (its core, language and
        // worker chunks, whatever their names), read from Vite's manifest.
        manifestTransforms: [
          async (entries) => {
            const editorOnly = editorOnlyFiles(fileURLToPath(new URL('./dist/.vite/manifest.json', import.meta.url)));
            return { manifest: entries.filter((entry) => !editorOnly.has(entry.url)), warnings: [] };
          },
        ],
        // Hashed file names: fetched once (from the HTTP cache if there), never revalidated.
        dontCacheBustURLsMatching: /-[\w-]{8}\.(js|css)$/,
        // Navigations go to the network first, so a new index.html is used as soon as it
        // exists; only when the network fails does the precached shell answer.
        navigateFallback: null,
        runtimeCaching: [
          {
            urlPattern: ({ request }) => request.mode === 'navigate',
            handler: 'NetworkOnly',
            options: { precacheFallback: { fallbackURL: 'index.html' } },
          },
          {
            // Hashed assets outside the precache (the editor's chunks, fonts): immutable, so
            // the first copy is kept; a second visit downloads none of them.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'kodbro-assets', expiration: { maxEntries: 80, purgeOnQuotaError: true } },
          },
        ],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // scripts/size.mjs reads the manifest to measure the candidate entry.
    manifest: true,
    target: 'es2022',
    // Monaco's core is one lazily loaded chunk of about 2.7 MB (700 KB gzip): expected, not a warning.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      output: {
        // Libraries in a chunk of their own: it changes less often than the
        // app, so a returning candidate's browser keeps it cached. Code that
        // candidate and staff pages share (contracts, API, router) is named
        // `shared` rather than after whichever module came first.
        codeSplitting: {
          groups: [
            // Monaco is not part of the first load: it stays out of `vendor`, in
            // chunks of its own that only the editor's lazy import of
            // src/editor/monaco.ts fetches (hashed, so cached for later visits).
            // Not a group of its own: a group chunk ends up imported by the entry.
            // Nor the libraries only staff pages use: zod (the candidate's page takes the
            // server's answers as typed, see src/api/http.ts) and qrcode (the printed
            // invitation slips) go with the staff chunk. A library that lands here by
            // mistake shows in `npm run size`, which fails over the budget.
            { name: 'vendor', test: /node_modules[\\/](?!(monaco-editor|zod|qrcode|dijkstrajs)[\\/])/ },
            // Also the editing helpers that the light editor and Monaco's chunk both
            // use: in a chunk the first load fetches anyway, not one more request.
            // Of the contracts only their plain, zod-free values (plain.ts and what it
            // re-exports); of the API not the staff's.
            {
              name: 'shared',
              test: /server[\\/]src[\\/]contracts[\\/](plain|short-code|scoring|signature-values)\.ts|client[\\/]src[\\/](api[\\/](?!staff\.ts)|ui[\\/]|router\.ts|editor[\\/](editing|history)\.ts)/,
            },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/socket.io': { target: api, ws: true },
    },
  },
});

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}

/**
 * Files that only Monaco needs: everything reachable from src/editor/monaco.ts
 * (imports and lazy imports) that the rest of the app does not reach without
 * passing through it (the app's own lazy chunks, languages' texts included,
 * stay in the precache). Empty when there is no manifest or no Monaco.
 */
function editorOnlyFiles(manifestPath: string): Set<string> {
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  } catch {
    return new Set();
  }
  const isMonaco = (key: string) => /src\/editor\/monaco\.ts$/.test(key);
  const reach = (keys: string[], avoid: (key: string) => boolean): Set<string> => {
    const files = new Set<string>();
    const seen = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || seen.has(key) || avoid(key)) return;
      seen.add(key);
      files.add(chunk.file);
      for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(file);
      for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
    };
    keys.forEach(visit);
    return files;
  };
  const keys = Object.keys(manifest);
  const editor = reach(keys.filter(isMonaco), () => false);
  const app = reach(
    keys.filter((key) => manifest[key]?.isEntry),
    (key) => isMonaco(key),
  );
  return new Set([...editor].filter((file) => !app.has(file)));
}
