import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumForTests, findChromium } from '../chromium.js';

/** A file system holding exactly these executables. */
const only =
  (...files: string[]) =>
  (path: string) =>
    files.includes(path);

describe('findChromium', () => {
  it('takes the configured browser over PATH and the install locations', () => {
    const isExecutable = only('/opt/mine/chrome', '/usr/local/bin/chromium', '/usr/bin/chromium');
    const env = { JICENG_CHROMIUM: '/opt/mine/chrome', PATH: '/usr/local/bin:/usr/bin' };
    expect(findChromium({ env, platform: 'linux', isExecutable })).toEqual({
      kind: 'found',
      path: '/opt/mine/chrome',
      from: 'JICENG_CHROMIUM',
    });
  });

  it('takes JICENG_CHROMIUM over CHROME_PATH, and CHROME_PATH when it is the only one set', () => {
    const isExecutable = only('/a/chrome', '/b/chrome');
    expect(
      findChromium({ env: { JICENG_CHROMIUM: '/a/chrome', CHROME_PATH: '/b/chrome' }, isExecutable }),
    ).toMatchObject({ path: '/a/chrome', from: 'JICENG_CHROMIUM' });
    expect(
      findChromium({ env: { CHROME_PATH: '/b/chrome' }, platform: 'linux', isExecutable }),
    ).toMatchObject({ path: '/b/chrome', from: 'CHROME_PATH' });
  });

  it('looks a configured name without a directory up on PATH', () => {
    const isExecutable = only('/usr/bin/google-chrome-beta');
    const env = { JICENG_CHROMIUM: 'google-chrome-beta', PATH: '/usr/local/bin:/usr/bin' };
    expect(findChromium({ env, platform: 'linux', isExecutable })).toMatchObject({
      path: '/usr/bin/google-chrome-beta',
      from: 'JICENG_CHROMIUM',
    });
  });

  it('says a configured browser that is not there is a mistake, rather than looking elsewhere', () => {
    const env = { JICENG_CHROMIUM: '/nowhere/chrome', PATH: '/usr/bin' };
    expect(findChromium({ env, platform: 'linux', isExecutable: only('/usr/bin/chromium') })).toEqual({
      kind: 'misconfigured',
      problem: 'JICENG_CHROMIUM=/nowhere/chrome names no browser this user can run',
    });
  });

  it('searches PATH next, by name in order of preference, then directory', () => {
    const isExecutable = only(
      '/usr/local/bin/google-chrome',
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
    );
    const env = { PATH: '/usr/local/bin:/usr/bin' };
    expect(findChromium({ env, platform: 'linux', isExecutable })).toEqual({
      kind: 'found',
      path: '/usr/bin/chromium',
      from: 'PATH',
    });
  });

  it('falls back to where browsers are usually installed, for each platform', () => {
    expect(
      findChromium({
        env: { PATH: '/usr/bin' },
        platform: 'linux',
        isExecutable: only('/snap/bin/chromium'),
      }),
    ).toMatchObject({ path: '/snap/bin/chromium', from: 'install location' });
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium({ env: {}, platform: 'darwin', isExecutable: only(mac) })).toMatchObject({
      path: mac,
    });
    const windows = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(
      findChromium({
        env: { PROGRAMFILES: 'C:\\Program Files', Path: 'C:\\Windows' },
        platform: 'win32',
        isExecutable: only(windows),
      }),
    ).toMatchObject({ path: windows, from: 'install location' });
  });

  it('finds nothing on a machine without a browser', () => {
    expect(findChromium({ env: { PATH: '/usr/bin:/bin' }, platform: 'linux', isExecutable: only() })).toEqual(
      {
        kind: 'missing',
      },
    );
  });

  it('only takes a file this user may run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jiceng-chromium-'));
    await writeFile(join(dir, 'chromium'), '#!/bin/sh\n');
    await chmod(join(dir, 'chromium'), 0o644);
    const env = { PATH: dir, JICENG_CHROMIUM: '' };
    expect(findChromium({ env, platform: 'linux' })).not.toMatchObject({ path: join(dir, 'chromium') });
    await chmod(join(dir, 'chromium'), 0o755);
    expect(findChromium({ env, platform: 'linux' })).toEqual({
      kind: 'found',
      path: join(dir, 'chromium'),
      from: 'PATH',
    });
  });
});

describe('chromiumForTests', () => {
  const none = { platform: 'linux' as const, isExecutable: only() };

  it('gives the launch options of the browser it found', () => {
    const launch = chromiumForTests({
      env: { JICENG_CHROMIUM: '/a/chrome' },
      isExecutable: only('/a/chrome'),
    });
    expect(launch).toEqual({ executablePath: '/a/chrome', args: [...CHROMIUM_ARGS] });
    expect(launch?.args).toEqual([
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
    ]);
  });

  it('without a browser, says in one line how to get one and lets the file skip its browser tests', () => {
    const lines: string[] = [];
    expect(
      chromiumForTests({ ...none, env: { PATH: '/usr/bin' }, notify: (l) => lines.push(l) }),
    ).toBeUndefined();
    expect(lines).toEqual([
      'browser tests skipped: no Chromium found (apt-get install -y chromium, or set JICENG_CHROMIUM=/path/to/chrome)',
    ]);
  });

  it('fails instead when CI requires the browser, or when the configured one is not there', () => {
    const notify = () => {};
    expect(() => chromiumForTests({ ...none, env: { JICENG_REQUIRE_BROWSER: '1' }, notify })).toThrow(
      /JICENG_REQUIRE_BROWSER=1 but no Chromium was found.*apt-get install -y chromium/,
    );
    expect(() => chromiumForTests({ ...none, env: { JICENG_CHROMIUM: '/nowhere/chrome' }, notify })).toThrow(
      'browser tests: JICENG_CHROMIUM=/nowhere/chrome names no browser this user can run',
    );
  });
});
