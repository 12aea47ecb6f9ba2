/**
 * The browser of the browser tests (the embed-domain and dashboard examples): found by
 * configuration, then on PATH, then where browsers are usually installed. A machine without one
 * skips those tests with a one-line notice; CI (`JICENG_REQUIRE_BROWSER=1`) fails instead.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { posix, win32 } from 'node:path';

/** Variables that name the browser, the first set one wins: ours, then the one Chrome tools share. */
export const CHROMIUM_VARIABLES = ['JICENG_CHROMIUM', 'CHROME_PATH'] as const;

/** Names a Chromium or Chrome binary goes by on PATH, the preferred first. */
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** Headless, and nothing a test machine lacks or a test would wait on. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

export const HOW_TO_GET_CHROMIUM = 'apt-get install -y chromium, or set JICENG_CHROMIUM=/path/to/chrome';

export type ChromiumSearch =
  | { readonly kind: 'found'; readonly path: string; readonly from: string }
  | { readonly kind: 'missing' }
  /** A variable names a browser that is not there: a mistake to report, not a reason to skip. */
  | { readonly kind: 'misconfigured'; readonly problem: string };

type Env = Readonly<Record<string, string | undefined>>;

export interface ChromiumSearchOptions {
  readonly env?: Env;
  readonly platform?: NodeJS.Platform;
  /** Whether a path is a file this user may run; tests pass a fake file system. */
  readonly isExecutable?: (path: string) => boolean;
}

function executable(platform: NodeJS.Platform): (path: string) => boolean {
  return (path) => {
    try {
      if (!statSync(path).isFile()) return false;
      if (platform !== 'win32') accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
}

function installLocations(platform: NodeJS.Platform, env: Env): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ];
  }
  if (platform === 'win32') {
    const roots = [env['LOCALAPPDATA'], env['PROGRAMFILES'], env['PROGRAMFILES(X86)']];
    return roots.flatMap((root) =>
      root === undefined
        ? []
        : [
            win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
            win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
          ],
    );
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
  ];
}

/**
 * Looks for Chromium: JICENG_CHROMIUM or CHROME_PATH (a path, or a name looked up on PATH), then
 * PATH, then the usual install locations.
 *
 * @example
 * findChromium({ env: { JICENG_CHROMIUM: '/opt/chrome/chrome' } }) // { kind: 'found', path: '/opt/chrome/chrome', from: 'JICENG_CHROMIUM' }
 */
export function findChromium(options: ChromiumSearchOptions = {}): ChromiumSearch {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const isExecutable = options.isExecutable ?? executable(platform);
  const path = platform === 'win32' ? win32 : posix;
  const dirs = (env['PATH'] ?? env['Path'] ?? '').split(path.delimiter).filter((d) => d !== '');
  const onPath = (name: string): string | undefined => {
    const names = platform === 'win32' && !name.endsWith('.exe') ? [`${name}.exe`, name] : [name];
    for (const dir of dirs) {
      for (const n of names) if (isExecutable(path.join(dir, n))) return path.join(dir, n);
    }
    return undefined;
  };

  for (const variable of CHROMIUM_VARIABLES) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    const isPath = value.includes('/') || value.includes('\\');
    const found = isPath ? (isExecutable(value) ? value : undefined) : onPath(value);
    return found === undefined
      ? { kind: 'misconfigured', problem: `${variable}=${value} names no browser this user can run` }
      : { kind: 'found', path: found, from: variable };
  }
  for (const name of NAMES) {
    const found = onPath(name);
    if (found !== undefined) return { kind: 'found', path: found, from: 'PATH' };
  }
  for (const candidate of installLocations(platform, env)) {
    if (isExecutable(candidate)) return { kind: 'found', path: candidate, from: 'install location' };
  }
  return { kind: 'missing' };
}

/** What a browser test passes to Playwright's `chromium.launch`. */
export interface ChromiumLaunch {
  readonly executablePath: string;
  readonly args: string[];
}

/**
 * The browser for a test file, or undefined after a one-line notice: the file then skips its
 * browser tests. Throws when the browser is misconfigured, or missing while
 * JICENG_REQUIRE_BROWSER=1 (as .ci/run sets it).
 *
 * @example
 * const browser = chromiumForTests();
 * describe.skipIf(browser === undefined)('in a browser', () => { ... chromium.launch(browser!) ... });
 */
export function chromiumForTests(
  options: ChromiumSearchOptions & { readonly notify?: (line: string) => void } = {},
): ChromiumLaunch | undefined {
  const env = options.env ?? process.env;
  const search = findChromium(options);
  if (search.kind === 'misconfigured') throw new Error(`browser tests: ${search.problem}`);
  if (search.kind === 'found') return { executablePath: search.path, args: [...CHROMIUM_ARGS] };
  if (env['JICENG_REQUIRE_BROWSER'] === '1') {
    throw new Error(
      `JICENG_REQUIRE_BROWSER=1 but no Chromium was found, so the browser tests would be skipped (${HOW_TO_GET_CHROMIUM})`,
    );
  }
  const notify = options.notify ?? ((line: string) => process.stderr.write(`${line}\n`));
  notify(`browser tests skipped: no Chromium found (${HOW_TO_GET_CHROMIUM})`);
  return undefined;
}
