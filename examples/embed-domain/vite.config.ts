import { defaultClientConditions, defineConfig } from 'vite';

// Resolve the workspace package from source, as the tests do.
export default defineConfig({
  resolve: { conditions: ['@jiceng/source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true },
});
