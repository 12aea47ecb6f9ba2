import { readdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';

/**
 * Where the GraphiQL bundle is: `ide/dist` of this package, built from npm's `graphiql` by
 * `vite build ide` (the package build; `pnpm start` builds it once when it is missing). The same
 * path from `src/server` and from `dist/server`.
 */
export const IDE_ASSETS = new URL('../../ide/dist/', import.meta.url);

/** The URL path the bundle's files are served under (Vite's `base` in ide/vite.config.js). */
const ASSETS_PATH = '/ide/';

/** What the IDE page starts with. */
export interface IdeOptions {
  /** A bearer token filled into the request headers (development only). */
  readonly token?: string;
  /** The bundle's folder; default {@link IDE_ASSETS}. */
  readonly assets?: URL;
}

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
};

const FIRST_QUERY = `# 当前身份与辖区 / who you are and what you see
query MyScope {
  viewer {
    role
    scope
    name
  }
  myScope {
    code
    name
    children(first: 10) {
      edges {
        node {
          code
          name
          statistics {
            grids
            workers
            partyMembers
          }
        }
      }
    }
  }
}
`;

/**
 * GraphiQL at `GET /graphql` (a browser asking for HTML), from this package's own files: no CDN,
 * so it works offline. Apollo's landing-page hook serves the page, with the token (when given)
 * filled into the headers; the page loads its scripts from `/ide/`, which {@link registerIde}
 * serves. Until the bundle is built, the page says how to build it.
 *
 * @example
 * const app = Fastify();
 * const apollo = new ApolloServer({ schema, plugins: [graphiqlLandingPage({ token })] });
 * await registerIde(app);
 */
export function graphiqlLandingPage(options: IdeOptions = {}): ApolloServerPlugin {
  const assets = options.assets ?? IDE_ASSETS;
  const config = {
    headers:
      options.token === undefined
        ? ''
        : JSON.stringify({ Authorization: `Bearer ${options.token}` }, null, 2),
    query: FIRST_QUERY,
  };
  // JSON inside <script>: `<` escaped so no text can close the element.
  const script = `<script id="jiceng-ide" type="application/json">${JSON.stringify(config).replaceAll('<', '\\u003c')}</script>`;
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return {
            html: async () => {
              const page = await readFile(new URL('index.html', assets), 'utf8').catch(() => undefined);
              return page === undefined ? NOT_BUILT : page.replace('</head>', `${script}</head>`);
            },
          };
        },
      };
    },
  };
}

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Jiceng GraphQL</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>GraphiQL 尚未构建 / GraphiQL is not built yet</h1>
<p>The gateway answers <code>POST /graphql</code>. The in-browser IDE is built from npm once:
<code>npx -y pnpm@12.4.2 --filter @jiceng/gateway build:ide</code> (<code>pnpm start</code> does it
for you; reload in a few seconds).</p>
</body></html>
`;

/**
 * Serves the GraphiQL bundle's files under `/ide/`: only the files the bundle holds (listed when
 * asked), each cached for good (their names carry a content hash). Not rate limited: one page
 * load fetches a few dozen.
 */
export async function registerIde(
  app: FastifyInstance,
  options: Pick<IdeOptions, 'assets'> = {},
): Promise<void> {
  const assets = options.assets ?? IDE_ASSETS;
  const folder = new URL('assets/', assets);
  app.get(`${ASSETS_PATH}assets/:file`, { config: { rateLimit: false } }, async (request, reply) => {
    const { file } = request.params as { file: string };
    const type = TYPES[extname(file)];
    const files = await readdir(folder).catch(() => [] as string[]);
    if (type === undefined || !files.includes(file)) return reply.code(404).send({ status: 'not found' });
    return reply
      .header('content-type', type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(await readFile(new URL(file, folder)));
  });
}
