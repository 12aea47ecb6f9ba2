import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { UseCaseContext } from '../application/context.js';
import {
  type ReportInput,
  reportFileName,
  reportRequestOf,
  writeReport,
} from '../application/reports/catalog.js';
import { isRole, type Principal } from '../auth/principal.js';
import type { GatewayServices, ReportLinks } from '../kernel/context.js';
import { GatewayError, gatewayErrorOf, httpStatusOf, localeFromAcceptLanguage } from '../kernel/errors.js';
import { extensionsOf } from './responses.js';

/** How long a download link works: long enough to click, too short to pass around. */
export const REPORT_LINK_SECONDS = 300;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A link's content: the report, the caller it was signed for, when it expires (seconds). */
interface LinkPayload {
  readonly r: Readonly<Record<string, unknown>>;
  readonly p: Principal;
  readonly exp: number;
}

/** Signs and checks report links with an HMAC-SHA256 key shared by the gateways of one county. */
export interface ReportLinkSigner extends ReportLinks {
  /** The report and caller of a link, or `undefined` for a link forged, damaged or expired. */
  verify(
    token: string,
    now: Date,
  ): { request: Readonly<Record<string, unknown>>; principal: Principal } | undefined;
}

/**
 * Report links signed with `key`: `/exports/<payload>.<signature>`, the payload the report, the
 * caller and the expiry in base64url JSON. Gateways behind one load balancer share the key (see
 * `startServer`), so any of them serves a link another signed.
 *
 * @example
 * const links = createReportLinks(key);
 * const { path } = links.sign({ kind: 'registers' }, principal, new Date());
 */
export function createReportLinks(key: Uint8Array, seconds = REPORT_LINK_SECONDS): ReportLinkSigner {
  const mac = (text: string) => createHmac('sha256', key).update(text).digest();
  return {
    sign(request, principal, now) {
      const exp = Math.floor(now.getTime() / 1000) + seconds;
      const payload: LinkPayload = {
        r: request,
        p: { subject: principal.subject, role: principal.role, scope: principal.scope },
        exp,
      };
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return { path: `/exports/${body}.${mac(body).toString('base64url')}`, expiresAt: new Date(exp * 1000) };
    },
    verify(token, now) {
      const [body, signature, extra] = token.split('.');
      if (body === undefined || signature === undefined || extra !== undefined) return undefined;
      // Compared as text: decoding base64url would ignore the spare low bits of the last character,
      // so two spellings of one signature would both pass.
      const given = Buffer.from(signature);
      const expected = Buffer.from(mac(body).toString('base64url'));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkPayload;
      if (!(payload.exp * 1000 > now.getTime()) || !isRole(payload.p?.role)) return undefined;
      return { request: payload.r, principal: payload.p };
    },
  };
}

/**
 * `GET /exports/<link>`: the report a link names, written as the caller it was signed for (their
 * role and scope, the policy asked again) into a temporary file, then sent as an attachment. A
 * link forged, damaged or expired is NOT_FOUND; a refusal is answered as GraphQL answers it
 * (`errors[0].extensions.code`), in the caller's language.
 */
export function registerReportDownloads(
  app: FastifyInstance,
  options: {
    readonly services: GatewayServices;
    readonly links: ReportLinkSigner;
    readonly now: () => Date;
    readonly onInternalError: (requestId: string, error: unknown) => void;
  },
): void {
  // A wildcard: a link is longer than Fastify lets a `:param` be (100 characters).
  app.get<{ Params: { '*': string } }>('/exports/*', async (request, reply) => {
    const locale = localeFromAcceptLanguage(request.headers['accept-language']);
    const now = options.now();
    let dir: string | undefined;
    try {
      const link = options.links.verify(request.params['*'], now);
      if (link === undefined) {
        throw new GatewayError('NOT_FOUND', {
          zh: '下载链接无效或已过期，请重新导出',
          en: 'the download link is not valid or has expired; export again',
        });
      }
      const report = reportRequestOf(link.request as unknown as ReportInput);
      const ctx: UseCaseContext = {
        principal: link.principal,
        now,
        em: options.services.db.em.fork(),
        services: options.services,
      };
      dir = await mkdtemp(join(tmpdir(), 'jiceng-export-'));
      const path = join(dir, 'report.xlsx');
      const out = createWriteStream(path);
      await writeReport(ctx, report, out, { requestId: String(request.id) });
      await finished(out);
      const file = createReadStream(path);
      const cleanup = dir;
      dir = undefined;
      file.once('close', () => void rm(cleanup, { recursive: true, force: true }));
      const name = reportFileName(report);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(file);
    } catch (error) {
      const refusal = gatewayErrorOf(error);
      if (refusal === undefined) {
        options.onInternalError(String(request.id), error);
        return reply.code(500).send({
          errors: [
            {
              message: `内部错误（请求编号 ${request.id}）/ internal error (request id ${request.id})`,
              extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: String(request.id) },
            },
          ],
        });
      }
      return reply
        .code(httpStatusOf(refusal.code) ?? 500)
        .send({ errors: [{ message: refusal.text[locale], extensions: extensionsOf(refusal) }] });
    } finally {
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    }
  });
}
