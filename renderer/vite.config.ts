import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

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
    plugins: [react()],
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
