// One build, two packages from the same sources: `vite build` → dist/chromium (Chrome, Edge),
// `vite build --mode firefox` → dist/firefox. `npm run build` runs both. Only the manifest differs
// (build/manifests.ts); every page, script and chunk is built the same way.
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import sourceManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { isTarget, manifestFor, type ManifestJson, type Target } from './build/manifests.ts';

// Extension pages that the manifest does not name (crxjs only follows the manifest):
// the offscreen document that hosts MSAL (Chromium only), the fallback picker page, the review page (the manifest
// names the review only as a web-accessible resource) and the undo review.
const extraPages = (target: Target): Record<string, string> => ({
  ...(target === 'chromium' ? { offscreen: 'background/offscreen/offscreen.html' } : {}),
  picker: 'popup/picker.html',
  review: 'review/review.html',
  // The undo review (Convert back to internal, preview): an extension page opened from a job, not web-accessible.
  undo: 'review/undo.html',
});

// crxjs does not copy the enterprise-policy schema the manifest points at (storage.managed_schema).
// Firefox has no managed_schema: its policies come from policies.json (see README).
function managedSchema(path: string): Plugin {
  return {
    name: 'b2b-managed-schema',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: path, source: readFileSync(path) });
    },
  };
}

export default defineConfig(({ mode }) => {
  const target: Target = isTarget(mode) ? mode : 'chromium';
  const manifest = manifestFor(sourceManifest as ManifestJson, target, pkg.version);
  return {
    plugins: [
      crx({ manifest: manifest as never, browser: target === 'firefox' ? 'firefox' : 'chrome' }),
      ...(target === 'chromium' ? [managedSchema(sourceManifest.storage.managed_schema)] : []),
    ],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      sourcemap: false,
      // No remote code, nothing inlined as eval: a plain, reviewable bundle.
      minify: false,
      rollupOptions: { input: extraPages(target) },
    },
  };
});
