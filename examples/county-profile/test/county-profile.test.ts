import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTokenService, startServer } from '@jiceng/gateway';
import { describe, expect, it } from 'vitest';
import { countyProfile, countyWhatIf } from '../src/what-if.js';

const SECRET = 'county-profile-example-secret-long-enough-for-hs256';

const file = new URL('../county.yaml', import.meta.url).pathname;

describe('a second county customises the rules without code', () => {
  it('changes point items and values, the grid size, the consultation group size and its calendar', () => {
    const p = countyProfile(file, '2026-06-01');
    expect(p.points.items.find((i) => i.code === 'volunteer_service')).toMatchObject({
      points: 2,
      caps: { month: 16, year: 96 },
    });
    expect(p.points.items.some((i) => i.code === 'river_patrol')).toBe(true);
    expect(p.points.items.some((i) => i.code === 'pioneer_post')).toBe(false);
    expect(p.points.categories.find((c) => c.code === 'mobile')?.name.zh).toBe('外出流动类');
    expect(p.grid.households.target).toBe(250);
    expect(p.consultation.group.size.target).toBe(15);
    expect(p.calendar['2026']?.holidays).toContain('2026-04-20');
    expect(p.calendar['2025']).toEqual(countyProfile(file, '2025-06-01').calendar['2025']);
  });

  it('reports, member by member, what last year would look like under the new rules', () => {
    const report = countyWhatIf(file);
    expect(report.year).toBe(2025);
    expect(report.members.length).toBeGreaterThan(0);
    const messages = report.members.flatMap((m) => m.changes.map((c) => c.message.zh));
    expect(messages.some((m) => m.includes('志愿服务'))).toBe(true);
    expect(messages.some((m) => m.includes('党员示范岗'))).toBe(true);
    for (const m of report.members) expect(m.delta).toBe(m.after.total - m.before.total);
  });

  it('runs as a script', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=@jiceng/source', 'src/what-if.ts'],
      { cwd: new URL('..', import.meta.url).pathname },
    );
    expect(stdout).toMatch(/→/);
  });

  it('is loaded by jiceng serve --profile and served over GraphQL', async () => {
    const server = await startServer({
      databaseUrl: 'sqlite::memory:',
      host: '127.0.0.1',
      port: 0,
      profileFiles: [file],
      // The test signs its own token, so it gives the gateway the secret.
      env: { JICENG_JWT_SECRET: SECRET },
      // No reference data needed here: start fast on an empty database.
      seedWhenEmpty: false,
    });
    try {
      const token = await createTokenService(SECRET).issue(
        { subject: 'w', role: 'grid_worker', scope: 'x' },
        { now: new Date(), expiresInSeconds: 60 },
      );
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: '{ ruleProfile(id: "example_county", at: "2026-01-01") { name { zh } extends settings } }',
        }),
      });
      const body = (await res.json()) as {
        data: {
          ruleProfile: {
            name: { zh: string };
            extends: string;
            settings: { grid: { households: { target: number } } };
          };
        };
      };
      expect(body.data.ruleProfile.name.zh).toBe('示例县');
      expect(body.data.ruleProfile.extends).toBe('reference');
      expect(body.data.ruleProfile.settings.grid.households.target).toBe(250);
    } finally {
      await server.close();
    }
  });
});
