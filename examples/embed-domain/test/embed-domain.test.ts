import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumForTests } from '../../../scripts/chromium.js';
import { runExample } from '../src/example.js';

const root = new URL('..', import.meta.url).pathname;
const artifacts = join(root, '..', '..', 'test-artifacts');
const launch = chromiumForTests();

describe('embedding @jiceng/domain', () => {
  it('scores and explains a member’s year: base 100 + 2 + 10 (capped from 12) − 3', () => {
    const result = runExample();
    expect(result.total).toBe(109);
    expect(result.summary.zh).toContain('基础分 100 + 加分 12 − 扣分 3 = 109');
    expect(result.lines.some((l) => l.includes('志愿服务') && l.includes('+10（封顶）'))).toBe(true);
  });

  it('routes a point to the grid it lies in, and says when it lies outside every grid', () => {
    const result = runExample();
    expect(result.routed).toBe('c1-g2');
    expect(result.outside).toBe('outside, nearest c1-g2');
  });

  it('runs as a plain Node script', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=@jiceng/source', 'src/node.ts'],
      { cwd: root },
    );
    expect(stdout).toContain('= 109');
    expect(stdout).toContain('(14.5, 3) → c1-g2');
  });

  describe.skipIf(!launch)('in a browser, with no server behind it', () => {
    let server: Server | undefined;
    afterAll(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

    it('builds with Vite and shows the same results in headless Chromium', async () => {
      await build({ root, logLevel: 'silent' });
      const dist = join(root, 'dist');
      const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
      server = createServer(async (req, res) => {
        const path = req.url === '/' || req.url === undefined ? '/index.html' : req.url.split('?')[0]!;
        try {
          const body = await readFile(join(dist, path));
          res
            .writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' })
            .end(body);
        } catch {
          res.writeHead(404).end();
        }
      });
      await new Promise<void>((ready) => server!.listen(0, '127.0.0.1', ready));
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;

      const browser = await chromium.launch(launch);
      try {
        const page = await browser.newPage();
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(`http://127.0.0.1:${port}/`);
        await page.waitForSelector('#summary');
        expect(await page.getAttribute('#app', 'data-total')).toBe('109');
        expect(await page.textContent('#routed')).toBe('(14.5, 3) → c1-g2');
        // Only the page and its bundle were fetched: the rules ran in the browser.
        expect(requests.every((u) => u.startsWith(`http://127.0.0.1:${port}/`))).toBe(true);
        await mkdir(artifacts, { recursive: true });
        await page.screenshot({ path: join(artifacts, 'embed-domain.png') });
      } finally {
        await browser.close();
      }
    });
  });
});
