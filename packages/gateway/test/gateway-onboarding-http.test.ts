import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countyOrgRows, memberRows, writeXlsx } from './onboarding-fixtures.js';
import { baseUrlOf, e2eDatabases, gql, useGateway } from './support.js';

const IMPORT = `mutation Import($file: Upload!, $dryRun: Boolean, $removeMissing: Boolean) {
  importRegisters(file: $file, dryRun: $dryRun, removeMissing: $removeMissing) {
    applied dryRun issueCount recordId
    file { name bytes sha256 }
    sheets { sheet kind rows counts { added updated unchanged missing removed } }
    issues { sheet row column cell code message { zh en } }
  }
}`;

const EXPORT = `mutation Export($report: String!, $scope: String, $year: Int) {
  exportReport(report: $report, scope: $scope, year: $year) { url fileName expiresAt }
}`;

const ADMIN = { subject: 'u-admin', role: 'county_admin', scope: 'K1' } as const;
const STREET = { subject: 'u-street', role: 'street_admin', scope: 'K1S1' } as const;

/** A report or sheet of the answer, as the test reads it. */
// biome-ignore lint/suspicious/noExplicitAny: the answer's shape is what the assertions check.
type Json = any;

interface Answer {
  status: number;
  data?: Record<string, Json> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

// Sixteen sheets is more than the test gateway's 256 kB upload limit takes.
const LIMIT = 256 * 1024;

describe.each(e2eDatabases())('register upload and report links over HTTP on $name', (target) => {
  const gw = useGateway({ e2e: target, uploadLimitBytes: LIMIT });
  let county: Buffer;
  let bad: Buffer;
  let big: Buffer;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jiceng-upload-'));
    const write = async (name: string, sheets: Parameters<typeof writeXlsx>[1]) => {
      const path = join(dir, name);
      await writeXlsx(path, sheets);
      return readFile(path);
    };
    county = await write('county.xlsx', [
      { name: '组织', rows: countyOrgRows() },
      { name: '党员', rows: memberRows(20) },
    ]);
    const rows = memberRows(3);
    rows[2]![1] = '=HYPERLINK("http://x","y")';
    bad = await write('bad.xlsx', [{ name: '党员', rows }]);
    big = await write('big.xlsx', [{ name: '党员', rows: memberRows(8000) }]);
    expect(big.length).toBeGreaterThan(LIMIT);
  });

  async function upload(
    file: Buffer,
    options: { token?: string; variables?: Record<string, unknown>; preflight?: boolean; name?: string } = {},
  ): Promise<Answer> {
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({ query: IMPORT, variables: { file: null, ...options.variables } }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    form.append('0', new Blob([new Uint8Array(file)]), options.name ?? 'county.xlsx');
    const res = await fetch(`${baseUrlOf(gw.app)}/graphql`, {
      method: 'POST',
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.preflight === false ? {} : { 'apollo-require-preflight': 'true' }),
      },
      body: form,
    });
    return { status: res.status, ...((await res.json()) as object) };
  }
  const count = async () => (await gw.db.em.fork().count('PointsMemberRow', {})) as number;

  it('refuses callers who are not county administrators with FORBIDDEN, writing nothing', async () => {
    const street = await upload(county, { token: await gw.token(STREET) });
    expect(street.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const anonymous = await upload(county);
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await count()).toBe(0);
  });

  it('refuses a multipart request without a non-simple header (CSRF), and a file over the limit', async () => {
    const token = await gw.token(ADMIN);
    const csrf = await upload(county, { token, preflight: false });
    expect(csrf.status).toBe(400);
    expect(csrf.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CSRF_PREFLIGHT_REQUIRED',
    });
    const large = await upload(big, { token });
    expect(large.status).toBe(413);
    expect(large.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'UPLOAD_TOO_LARGE',
    });
    expect(await count()).toBe(0);
  });

  it('refuses an Upload sent as JSON: only a multipart file is a file', async () => {
    const r = await gql(gw.app, IMPORT, {
      token: await gw.token(ADMIN),
      variables: { file: { name: '/etc/passwd' } },
    });
    expect(r.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('dry-runs, imports and re-imports an upload through the same use case as the CLI', async () => {
    const token = await gw.token(ADMIN);
    const dry = await upload(county, { token, variables: { dryRun: true } });
    expect(dry.errors).toBeUndefined();
    expect(dry.data?.['importRegisters']).toMatchObject({
      applied: false,
      dryRun: true,
      issueCount: 0,
      file: { name: 'county.xlsx', bytes: county.length },
    });
    expect(await count()).toBe(0);

    const applied = (await upload(county, { token })).data?.['importRegisters'];
    expect(applied).toMatchObject({ applied: true, issueCount: 0 });
    expect(applied.recordId).toBeGreaterThan(0);
    expect(applied.sheets).toEqual([
      {
        sheet: '组织',
        kind: 'organisations',
        rows: 15,
        counts: { added: 15, updated: 0, unchanged: 0, missing: 0, removed: 0 },
      },
      {
        sheet: '党员',
        kind: 'members',
        rows: 20,
        counts: { added: 20, updated: 0, unchanged: 0, missing: 0, removed: 0 },
      },
    ]);
    expect(await count()).toBe(20);
  });

  it('lists a bad file’s problems by sheet, row, column and code in both languages', async () => {
    const r = (await upload(bad, { token: await gw.token(ADMIN), name: 'bad.xlsx' })).data?.[
      'importRegisters'
    ];
    expect(r.applied).toBe(false);
    expect(r.issues).toEqual([
      {
        sheet: '党员',
        row: 3,
        column: '姓名',
        cell: 'B3',
        code: 'IMPORT_FORMULA',
        message: { zh: expect.any(String), en: expect.any(String) },
      },
    ]);
  });

  it('hands out a download link of the registers that only works as signed, and whose file imports unchanged', async () => {
    const token = await gw.token(ADMIN);
    const link = (await gql(gw.app, EXPORT, { token, variables: { report: 'registers' } })).data?.[
      'exportReport'
    ] as {
      url: string;
      fileName: string;
    };
    expect(link.url).toMatch(/^\/exports\/[\w-]+\.[\w-]+$/);
    expect(link.fileName).toBe('registers.xlsx');
    const res = await fetch(`${baseUrlOf(gw.app)}${link.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const file = Buffer.from(await res.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['组织', '党员']);

    const again = (await upload(file, { token, name: 'registers.xlsx' })).data?.['importRegisters'];
    expect(again).toMatchObject({ applied: true, issueCount: 0 });
    for (const s of again.sheets)
      expect(s.counts).toMatchObject({ added: 0, updated: 0, removed: 0, missing: 0 });

    // Any other character anywhere (the last one of the signature too) is another link: refused.
    const [payload, signature] = link.url.slice('/exports/'.length).split('.') as [string, string];
    const other = (c: string) => (c === 'A' ? 'B' : 'A');
    const asCounty = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace('u-admin', 'u-other'),
    ).toString('base64url');
    for (const forged of [
      `${payload}.${signature.slice(0, -1)}${other(signature.at(-1)!)}`,
      `${payload.slice(0, -1)}${other(payload.at(-1)!)}.${signature}`,
      `${asCounty}.${signature}`,
    ]) {
      const refused = await fetch(`${baseUrlOf(gw.app)}/exports/${forged}`);
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as Answer).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    }
  });

  it('scopes report links like their queries: registers for county admins, rankings within the scope', async () => {
    const street = await gw.token(STREET);
    const registers = await gql(gw.app, EXPORT, { token: street, variables: { report: 'registers' } });
    expect(registers.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const outside = await gql(gw.app, EXPORT, {
      token: street,
      variables: { report: 'rankings', scope: 'K1', year: 2026 },
    });
    expect(outside.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const own = await gql(gw.app, EXPORT, {
      token: street,
      variables: { report: 'rankings', scope: 'K1S1', year: 2026 },
    });
    expect(own.errors).toBeUndefined();
    const link = own.data?.['exportReport'] as { url: string } | undefined;
    expect(link?.url).toMatch(/^\/exports\//);
    const res = await fetch(`${baseUrlOf(gw.app)}${link?.url}`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('2026年积分排名');
    expect(sheet.getRow(1).getCell(1).value).toBe('分组');
    // Every member of the street, each ranked.
    expect(sheet.rowCount).toBe(1 + 20);
  });
});
