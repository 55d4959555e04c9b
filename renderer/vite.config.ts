import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { rendererCsp } from '../shared/security/content-security-policy';

/**
 * The CSP `<meta>` tag of the built index.html, from the one CSP builder (the desktop shell and
 * the host send the stricter header on top). Build only: the dev server needs inline React
 * refresh, and gets its own policy as a header from the shell.
 */
function cspMetaTag(): Plugin {
  return {
    name: 'reelpilot-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: rendererCsp('meta') },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * Shared by electron-vite (desktop build) and `npm run build:renderer` (headless host, e2e).
 * Takes the renderer folder as an argument: electron-vite bundles its config file, so inside an
 * imported config `import.meta.dirname` is the project root, not this folder.
 */
export function rendererConfig(root: string): UserConfig {
  const input = { index: resolve(root, 'index.html') };
  return {
    root,
    base: './',
    plugins: [react(), cspMetaTag()],
    build: {
      outDir: resolve(root, '../out/renderer'),
      emptyOutDir: true,
      // Vite 8 builds with rolldown; electron-vite 6 reads rolldownOptions and copies it over
      // rollupOptions, so the entry must be given there.
      rolldownOptions: { input },
    },
  };
}

export default defineConfig(rendererConfig(resolve(import.meta.dirname)));
