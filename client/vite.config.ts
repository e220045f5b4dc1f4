import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server (see server/) listens here during development.
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
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
            { name: 'vendor', test: /node_modules[\\/](?!monaco-editor[\\/])/ },
            // Also the editing helpers that the light editor and Monaco's chunk both
            // use: in a chunk the first load fetches anyway, not one more request.
            { name: 'shared', test: /server[\\/]src[\\/]contracts|client[\\/]src[\\/](api[\\/]|ui[\\/]|router\.ts|editor[\\/](editing|history)\.ts)/ },
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
