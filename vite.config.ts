import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };

// Extension pages that the manifest does not name (crxjs only follows the manifest):
// the offscreen document that hosts MSAL, the fallback picker page and the review page (the manifest names the
// review only as a web-accessible resource).
const extraPages = {
  offscreen: 'background/offscreen/offscreen.html',
  picker: 'popup/picker.html',
  review: 'review/review.html',
};

import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

// crxjs does not copy the enterprise-policy schema the manifest points at (storage.managed_schema).
function managedSchema(): Plugin {
  return {
    name: 'b2b-managed-schema',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: manifest.storage.managed_schema, source: readFileSync(manifest.storage.managed_schema) });
    },
  };
}

export default defineConfig({
  plugins: [crx({ manifest: manifest as never }), managedSchema()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // No remote code, nothing inlined as eval: a plain, reviewable bundle.
    minify: false,
    rollupOptions: { input: extraPages },
  },
});
