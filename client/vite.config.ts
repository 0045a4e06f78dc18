import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));
const serverOrigin = 'http://127.0.0.1:3000';

export default defineConfig({
  root: clientRoot,
  plugins: [react()],
  resolve: {
    // Two copies of yjs (or of ProseMirror) break instanceof checks across packages.
    dedupe: ['yjs', 'y-protocols', 'lib0', '@tiptap/pm', '@tiptap/core'],
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': serverOrigin,
      '/healthz': serverOrigin,
      '/collab': { target: serverOrigin, ws: true },
    },
  },
});
