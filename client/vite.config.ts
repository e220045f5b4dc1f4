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
    rolldownOptions: {
      output: {
        // Libraries in a chunk of their own: it changes less often than the
        // app, so a returning candidate's browser keeps it cached. Code that
        // candidate and staff pages share (contracts, API, router) is named
        // `shared` rather than after whichever module came first.
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /node_modules/ },
            { name: 'shared', test: /server[\\/]src[\\/]contracts|client[\\/]src[\\/](api[\\/]|ui[\\/]|router\.ts)/ },
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
