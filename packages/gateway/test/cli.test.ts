import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenService, runCli, startServer } from '@jiceng/gateway';
import { describe, expect, it } from 'vitest';

/** The tests' own signing secret: without one, each database would generate its own key. */
const SECRET = 'cli-test-secret-that-is-long-enough-for-hs256';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: new Date('2026-11-27T04:00:00Z'),
    env: { JICENG_LOG_LEVEL: 'silent', JICENG_JWT_SECRET: SECRET },
    // serve stops as soon as it has started.
    stopped: Promise.resolve(),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('jiceng profile', () => {
  it('prints the reference county summary by default, in Chinese', async () => {
    const r = await run('profile');
    expect(r.code).toBe(0);
    expect(r.out).toContain('参考县（种子材料）');
    expect(r.out).toContain('党员类别 5 类');
    expect(r.out).toContain('每格网格员 3 名 [种子材料]');
  });

  it('prints in English on request', async () => {
    const r = await run('profile', '--lang', 'en');
    expect(r.out).toContain('Member categories (5)');
  });

  it('validates a county file and prints its profile at a date', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jiceng-cli-'));
    const file = join(dir, 'county.yaml');
    await writeFile(
      file,
      'id: c\nname: { zh: 某县, en: A county }\nextends: reference\nversions:\n  - version: "1"\n    effectiveFrom: 2026-01-01\n    changes: { grid: { workersPerGrid: 4 } }\n',
    );
    const r = await run('profile', '--file', file, '--at', '2026-03-01');
    expect(r.code).toBe(0);
    expect(r.out).toContain('每格网格员 4 名 [本县设定]');
  });

  it('lists every problem of a bad county file with its path and line, and exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jiceng-cli-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      'id: c\nname: { zh: 某县, en: A county }\nversions:\n  - version: "1"\n    effectiveFrom: 2026-01-01\n    changes: { grid: { workersPerGird: 4 } }\n',
    );
    const r = await run('profile', '--file', file, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err).toContain('PROFILE_UNKNOWN_KEY versions["1"].changes.grid.workersPerGird');
    expect(r.err).toContain('did you mean "workersPerGrid"?');
    expect(r.err).toContain('bad.yaml:6');
  });

  it('reports a missing file and bad arguments without a stack trace', async () => {
    const missing = await run('profile', '--file', '/nonexistent/x.yaml');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('ENOENT');
    const bad = await run('profile', '--colour');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('bad arguments');
    expect((await run('frobnicate')).code).toBe(2);
  });
});

describe('jiceng token', () => {
  it('issues a development token the gateway accepts', async () => {
    const r = await run('token', '--role', 'street_admin', '--scope', '330102001', '--name', '王主任');
    expect(r.code).toBe(0);
    const principal = await createTokenService(SECRET).verify(r.out.trim(), new Date('2026-11-27T05:00:00Z'));
    expect(principal).toEqual({
      subject: 'dev-street_admin',
      role: 'street_admin',
      scope: '330102001',
      name: '王主任',
    });
  });

  it('refuses an unknown role, a missing scope and the public role', async () => {
    expect((await run('token', '--role', 'mayor', '--scope', 'x')).err).toContain('--role must be one of');
    expect((await run('token', '--role', 'public', '--scope', 'x')).code).toBe(2);
    expect((await run('token', '--role', 'member')).err).toContain('--scope');
  });
});

describe('jiceng serve', () => {
  it('starts the gateway on a migrated database and answers over HTTP', async () => {
    const server = await startServer({
      databaseUrl: 'sqlite::memory:',
      host: '127.0.0.1',
      port: 0,
      profileFiles: [],
      env: {},
      // No reference data needed here: start fast on an empty database.
      seedWhenEmpty: false,
    });
    try {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ viewer { role } }' }),
      });
      expect(await res.json()).toEqual({ data: { viewer: { role: 'public' } } });
    } finally {
      await server.close();
    }
  });

  it('stores the county profiles it is given, and refuses one that does not resolve', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jiceng-serve-'));
    const bad = join(dir, 'bad.yaml');
    await writeFile(
      bad,
      'id: c\nname: { zh: 某县, en: A county }\nextends: nowhere\nversions:\n  - version: "1"\n    effectiveFrom: 2026-01-01\n',
    );
    const r = await run('serve', '--db', 'sqlite::memory:', '--port', '0', '--profile', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('PROFILE_UNKNOWN_PARENT');
    expect((await run('serve', '--port', 'eighty')).code).toBe(2);
  });

  it('loads the reference county into an empty database and prints the URL and a development token', async () => {
    const r = await run('serve', '--db', 'sqlite::memory:', '--port', '0');
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '7 社区 communities, 48 网格 grids, 144 网格员 grid workers, 2645 党员 party members',
    );
    expect(r.out).toMatch(/Jiceng gateway: http:\/\/127\.0\.0\.1:\d+\/graphql/);
    // The county is loaded around today: some open requests are past their due date, and the
    // start-up sweep looks at them (the load already took them to their level as of midnight).
    const swept = /overdue requests escalated: (\d+) of (\d+) examined/.exec(r.out);
    expect(Number(swept?.[2])).toBeGreaterThan(0);
    expect(Number(swept?.[1])).toBeLessThanOrEqual(Number(swept?.[2]));
    const token = /Development token \(county_admin, 8 h\): (\S+)/.exec(r.out)?.[1];
    const principal = await createTokenService(SECRET).verify(token ?? '', new Date('2026-11-27T05:00:00Z'));
    expect(principal).toMatchObject({ role: 'county_admin', scope: '330102' });
    expect(r.err).toContain('载入参考县 loading the reference county');
  }, 120_000);

  it('refuses an escalation interval that is not 0–1440 minutes', async () => {
    const err: string[] = [];
    const code = await runCli(
      ['serve', '--db', 'sqlite::memory:', '--no-seed', '--escalate-every', 'often'],
      {
        out: () => {},
        err: (l) => err.push(l),
        now: new Date(),
        env: {},
        stopped: Promise.resolve(),
      },
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('--escalate-every must be 0–1440 minutes, got often');
  });

  it('refuses an unknown log level before starting', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['serve', '--db', 'sqlite::memory:', '--port', '0', '--no-seed'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      now: new Date(),
      env: { JICENG_LOG_LEVEL: 'loud' },
      stopped: Promise.resolve(),
    });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('JICENG_LOG_LEVEL must be silent, error, warn, info or debug');
  });

  it('refuses to start in production without a signing secret', async () => {
    await expect(
      startServer({
        databaseUrl: 'sqlite::memory:',
        host: '127.0.0.1',
        port: 0,
        profileFiles: [],
        env: { NODE_ENV: 'production' },
      }),
    ).rejects.toThrow(/JICENG_JWT_SECRET is required/);
  });
});

describe('jiceng migrate', () => {
  it('applies pending migrations once, then reports the database up to date', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jiceng-migrate-'));
    const db = `sqlite:${join(dir, 'm.db')}`;
    const first = await run('migrate', '--db', db);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/applied \d+ migration\(s\): Migration\d+_init/);
    const second = await run('migrate', '--db', db);
    expect(second.out).toContain('the database is up to date');
    expect((await run('migrate', '--db', 'mysql://x')).err).toContain('unsupported database URL');
  });
});

describe('jiceng COMMAND --help', () => {
  it('answers --help and -h for every command and subcommand with its own usage, exit 0', async () => {
    const asks = [
      ['serve'],
      ['migrate'],
      ['token'],
      ['profile'],
      ['schema'],
      ['calendar'],
      ['calendar', 'import'],
      ['calendar', 'status'],
    ];
    for (const ask of asks) {
      for (const flag of ['--help', '-h']) {
        const r = await run(...ask, flag);
        expect({ ask: [...ask, flag], code: r.code, err: r.err }).toEqual({
          ask: [...ask, flag],
          code: 0,
          err: '',
        });
        expect(r.out.split('\n')[0]).toMatch(new RegExp(`^jiceng ${ask[0]}\\b`));
      }
    }
    // After other options too, and `jiceng help COMMAND` says the same.
    expect((await run('serve', '--port', '0', '--help')).out).toBe((await run('help', 'serve')).out);
    expect((await run('help')).out).toContain('jiceng serve');
  });

  it('shows the command usage after a bad argument', async () => {
    const r = await run('token', '--colour');
    expect(r.code).toBe(2);
    expect(r.err).toContain('jiceng token --role ROLE --scope ORG_CODE');
  });
});

describe('jiceng serve settings', () => {
  it('takes the port from PORT when --port is not given, and names the setting that is wrong', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = (env: NodeJS.ProcessEnv) => ({
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      now: new Date('2026-11-27T04:00:00Z'),
      env: { JICENG_LOG_LEVEL: 'silent', ...env },
      stopped: Promise.resolve(),
    });
    expect(await runCli(['serve', '--db', 'sqlite::memory:', '--no-seed'], io({ PORT: 'eighty' }))).toBe(2);
    expect(err.join('\n')).toContain('PORT must be a port number 0–65535, got "eighty"');
    expect(await runCli(['serve', '--db', 'sqlite::memory:', '--no-seed', '--port', '70000'], io({}))).toBe(
      2,
    );
    expect(err.join('\n')).toContain('--port must be a port number 0–65535, got "70000"');
    expect(await runCli(['serve', '--db', 'sqlite::memory:', '--no-seed'], io({ PORT: '0' }))).toBe(0);
    expect(out.join('\n')).toMatch(/Jiceng gateway: http:\/\/127\.0\.0\.1:\d+\/graphql/);
  });

  it('lets a page on this machine call it in development, and only the configured origins when given', async () => {
    /** Starts `serve` with `env`, sends a preflight from `origin`, and stops it. */
    async function preflight(env: NodeJS.ProcessEnv, origin: string) {
      let stop = () => {};
      let ready = (_url: string) => {};
      const url = new Promise<string>((resolve) => {
        ready = resolve;
      });
      const code = runCli(['serve', '--db', 'sqlite::memory:', '--no-seed', '--port', '0'], {
        out: (l) => {
          const m = /^Jiceng gateway: (\S+)/.exec(l);
          if (m) ready(m[1]!);
        },
        err: () => {},
        now: new Date('2026-11-27T04:00:00Z'),
        env: { JICENG_LOG_LEVEL: 'silent', ...env },
        stopped: new Promise<void>((resolve) => {
          stop = resolve;
        }),
      });
      const res = await fetch(await url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      stop();
      expect(await code).toBe(0);
      return { status: res.status, allowed: res.headers.get('access-control-allow-origin') };
    }
    expect(await preflight({}, 'http://localhost:5173')).toEqual({
      status: 204,
      allowed: 'http://localhost:5173',
    });
    const configured = { JICENG_CORS_ORIGINS: 'https://app.example.org' };
    expect(await preflight(configured, 'https://app.example.org')).toEqual({
      status: 204,
      allowed: 'https://app.example.org',
    });
    expect((await preflight(configured, 'http://localhost:5173')).allowed).toBeNull();
  }, 60_000);

  it('refuses a CORS origin that is not scheme://host[:port]', async () => {
    const r = await run(
      'serve',
      '--db',
      'sqlite::memory:',
      '--no-seed',
      '--cors-origin',
      'https://app.example.org/',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('--cors-origin: "https://app.example.org/" is not an origin');
  });
});

describe('jiceng serve progress', () => {
  /** `serve` of a small county with its stderr a log (no terminal) or a terminal. */
  async function serve(terminal: boolean) {
    const err: string[] = [];
    const drawn: string[] = [];
    let clock = 0;
    const code = await runCli(['serve', '--db', 'sqlite::memory:', '--port', '0', '--scale', '0.05'], {
      out: () => {},
      err: (l) => err.push(l),
      now: new Date('2026-11-27T04:00:00Z'),
      env: { JICENG_LOG_LEVEL: 'silent' },
      stopped: Promise.resolve(),
      ...(terminal ? { terminal: { write: (t: string) => drawn.push(t) } } : {}),
      elapsed: () => (clock += 100),
    });
    return {
      code,
      err: err.filter((l) => !l.startsWith('警告') && !l.startsWith('  the working-day')),
      drawn,
    };
  }

  it('writes a few summary lines to a log, not a line per batch', async () => {
    const r = await serve(false);
    expect(r.code).toBe(0);
    // The port is held before the load, and the operator is told where.
    expect(r.err[0]).toMatch(
      /^正在启动 starting at http:\/\/127\.0\.0\.1:\d+ \(answers 503 "starting" until ready\)$/,
    );
    expect(r.err[1]).toBe('载入参考县 loading the reference county (first start only)…');
    expect(r.err.slice(2)).toHaveLength(5);
    expect(r.err[2]).toMatch(/^ {2}组织与网格 trees and grids +[\d,]+ rows {2}\d+\.\d s$/);
    expect(r.err[3]).toMatch(/^ {2}党员积分 members’ points +[\d,]+ rows {2}\d+\.\d s$/);
    // The first quarter's 三会一课 and themed days, a part of its own (meetings at this scale).
    expect(r.err[4]).toMatch(/^ {2}组织生活 organisational life +[\d,]+ rows {2}\d+\.\d s$/);
    expect(r.err[6]).toMatch(/^ {2}政协提案 CPPCC proposals +160 rows {2}\d+\.\d s$/);
    expect(r.drawn).toEqual([]);
  }, 120_000);

  it('draws a bar redrawn in place on a terminal, above the same summary lines', async () => {
    const r = await serve(true);
    expect(r.code).toBe(0);
    expect(r.err).toHaveLength(7);
    expect(r.drawn.length).toBeGreaterThan(5);
    for (const d of r.drawn) expect(d.startsWith('\r\x1b[K')).toBe(true);
    expect(r.drawn.some((d) => /载入 loading points_ledger +\[#+-*\] [\d,]+\/[\d,]+/.test(d))).toBe(true);
  }, 120_000);
});
