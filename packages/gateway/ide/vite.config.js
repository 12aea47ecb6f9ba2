// Builds the GraphiQL page the gateway serves in development (src/server/ide.ts) from npm's
// graphiql: `vite build ide` from packages/gateway (its `build:ide` script).
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  // The gateway serves these files under /ide/ and the page itself at /graphql.
  base: '/ide/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco, GraphiQL's editor, is large; its size is not news.
    chunkSizeWarningLimit: 8_000,
    reportCompressedSize: false,
    rolldownOptions: {
      onLog(level, log, handler) {
        // React libraries mark modules "use client", which means nothing in a bundle.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
});
