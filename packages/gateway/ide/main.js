// GraphiQL for `jiceng serve` in development, bundled by Vite (vite.config.js) into ide/dist and
// served by the gateway itself: nothing is fetched from a CDN, so it works offline. The gateway
// fills in a token and a first query (the JSON in #jiceng-ide) when it serves the page.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const config = JSON.parse(document.getElementById('jiceng-ide')?.textContent ?? '{}');

/** POSTs JSON to the gateway (which refuses other requests as CSRF-prone). */
async function fetcher(params, options) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options?.headers },
    body: JSON.stringify(params),
  });
  return response.json();
}

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher,
    initialHeaders: config.headers ?? '',
    initialQuery: config.query,
    defaultEditorToolsVisibility: 'headers',
  }),
);
