import { defineConfig } from 'vite';

/** Where `vite dev` sends GraphQL requests: `jiceng serve`'s default address unless told otherwise. */
const gateway = process.env['JICENG_GATEWAY'] ?? 'http://127.0.0.1:4000';

// Same origin in development (Vite proxies /graphql) and in production (serve the static files
// behind the same host as the gateway), so the gateway needs no CORS setup.
export default defineConfig({
  server: { proxy: { '/graphql': { target: gateway, changeOrigin: true } } },
  preview: { proxy: { '/graphql': { target: gateway, changeOrigin: true } } },
  build: { outDir: 'dist', emptyOutDir: true },
});
