import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UploadedFile } from '../schema/onboarding/upload.js';

/**
 * GraphQL multipart requests (https://github.com/jaydenseric/graphql-multipart-request-spec) on
 * `/graphql`: `multipart/form-data` with the field `operations` (the JSON body of a GraphQL
 * request, with `null` where each file goes), then `map` (`{ "0": ["variables.file"] }`), then the
 * files. Each file is written to a temporary file as it arrives, up to the size limit, and handed
 * to the resolver as an {@link UploadedFile} in place of its `null`; the files go once the answer
 * is sent. The request then runs like any other: Apollo's CSRF prevention refuses a multipart
 * request without a non-simple header (`apollo-require-preflight: true`), which a browser cannot
 * send cross-origin without a preflight. That is checked here first too, before any file is kept.
 */

/** Default largest upload: a county's register of 200,000 members is about 15 MB. */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

/** Files one request may carry: the mutations take one. */
const MAX_FILES = 1;

const uploadDirs = new WeakMap<FastifyRequest, string>();

const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

/** Answers a multipart request it refuses, as a GraphQL error with its code and HTTP status. */
function refuse(reply: FastifyReply, status: number, zh: string, en: string, reason: string): FastifyReply {
  return reply.code(status).send({
    errors: [{ message: `${zh} / ${en}`, extensions: { code: 'BAD_USER_INPUT', reason } }],
  });
}

/**
 * Registers multipart parsing for `/graphql`, with a size limit per file.
 *
 * @example
 * await registerUploads(app, { limitBytes: 10_000_000 });
 */
export async function registerUploads(
  app: FastifyInstance,
  options: { readonly limitBytes: number },
): Promise<void> {
  await app.register(multipart, {
    limits: {
      fileSize: options.limitBytes,
      files: MAX_FILES,
      fields: 2,
      parts: 2 + MAX_FILES,
      fieldSize: 1_000_000,
    },
  });

  app.addHook('preValidation', async (request, reply) => {
    if (!request.url.startsWith('/graphql') || request.method !== 'POST' || !request.isMultipart()) return;
    if (!PREFLIGHT_HEADERS.some((h) => (request.headers[h] ?? '') !== '')) {
      return refuse(
        reply,
        400,
        '上传文件的请求须带有非简单请求头（如 apollo-require-preflight: true），以防跨站请求伪造',
        'a multipart request must carry a non-simple header such as apollo-require-preflight: true (CSRF prevention)',
        'CSRF_PREFLIGHT_REQUIRED',
      );
    }
    let operations: Record<string, unknown> | undefined;
    let map: Map<string, string[]> | undefined;
    const files = new Map<string, UploadedFile>();
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          const value = typeof part.value === 'string' ? part.value : '';
          if (part.fieldname === 'operations' && operations === undefined && map === undefined) {
            operations = parseOperations(value);
          } else if (part.fieldname === 'map' && operations !== undefined && map === undefined) {
            map = parseMap(value);
          } else {
            throw new UploadError(
              `意外的字段“${part.fieldname}”`,
              `unexpected field "${part.fieldname}"`,
              'UPLOAD_ORDER',
            );
          }
          continue;
        }
        if (map === undefined || !map.has(part.fieldname) || files.has(part.fieldname)) {
          part.file.resume();
          throw new UploadError(
            `文件“${part.fieldname}”不在 map 中，或在 operations 和 map 之前`,
            `file "${part.fieldname}" is not in the map, or comes before operations and map`,
            'UPLOAD_ORDER',
          );
        }
        let dir = uploadDirs.get(request);
        if (dir === undefined) {
          dir = await mkdtemp(join(tmpdir(), 'jiceng-upload-'));
          uploadDirs.set(request, dir);
        }
        const path = join(dir, String(files.size));
        await pipeline(part.file, createWriteStream(path));
        files.set(part.fieldname, new UploadedFile(part.filename, path, (await stat(path)).size));
      }
      if (operations === undefined || map === undefined) {
        throw new UploadError(
          '缺少 operations 或 map 字段',
          'the operations or map field is missing',
          'UPLOAD_FIELDS',
        );
      }
      for (const [key, paths] of map) {
        const file = files.get(key);
        if (file === undefined) {
          throw new UploadError(
            `缺少文件“${key}”`,
            `file "${key}" named in the map was not sent`,
            'UPLOAD_MISSING_FILE',
          );
        }
        for (const path of paths) place(operations, path, file);
      }
    } catch (error) {
      if (error instanceof UploadError) return refuse(reply, 400, error.zh, error.en, error.reason);
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        const mb = Math.floor(options.limitBytes / 1024 / 1024);
        return refuse(
          reply,
          413,
          `文件超过 ${mb} MB 上限`,
          `the file is larger than the ${mb} MB limit`,
          'UPLOAD_TOO_LARGE',
        );
      }
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
        return refuse(reply, 413, '一次只能上传一个文件', 'one file per request', 'UPLOAD_TOO_MANY_PARTS');
      }
      if (code?.startsWith('FST_')) {
        return refuse(
          reply,
          400,
          '无法解析 multipart 请求',
          'the multipart request cannot be parsed',
          'UPLOAD_MALFORMED',
        );
      }
      throw error;
    }
    request.body = operations;
    return undefined;
  });

  const cleanup = async (request: FastifyRequest) => {
    const dir = uploadDirs.get(request);
    if (dir === undefined) return;
    uploadDirs.delete(request);
    await rm(dir, { recursive: true, force: true });
  };
  app.addHook('onResponse', cleanup);
  app.addHook('onRequestAbort', cleanup);
}

class UploadError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly reason: string,
  ) {
    super(en);
  }
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UploadError(
      `${field} 字段不是有效的 JSON`,
      `the ${field} field is not valid JSON`,
      'UPLOAD_FIELDS',
    );
  }
}

function parseOperations(text: string): Record<string, unknown> {
  const value = parseJson(text, 'operations');
  // One operation per request: batches are off on this gateway.
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UploadError(
      'operations 须为一个 GraphQL 请求对象',
      'operations must be one GraphQL request object',
      'UPLOAD_FIELDS',
    );
  }
  return value as Record<string, unknown>;
}

function parseMap(text: string): Map<string, string[]> {
  const value = parseJson(text, 'map');
  const entries =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : undefined;
  if (
    entries === undefined ||
    entries.length > MAX_FILES ||
    !entries.every(([, paths]) => Array.isArray(paths) && paths.every((p) => typeof p === 'string'))
  ) {
    throw new UploadError(
      'map 须为 { "文件名": ["variables.…"] }，且只含一个文件',
      'map must be { "key": ["variables.…"] } naming one file',
      'UPLOAD_FIELDS',
    );
  }
  return new Map(entries as [string, string[]][]);
}

/** Keys that would reach an object's prototype instead of its own fields. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Puts the file where its path points (`variables.file`, `variables.input.files.0`): only inside `variables`, only at a `null`. */
function place(operations: Record<string, unknown>, path: string, file: UploadedFile): void {
  const keys = path.split('.');
  const bad = () =>
    new UploadError(
      `map 路径“${path}”无效`,
      `map path "${path}" does not point at a null in variables`,
      'UPLOAD_PATH',
    );
  if (keys[0] !== 'variables' || keys.length < 2 || keys.some((k) => UNSAFE_KEYS.has(k))) throw bad();
  let at: unknown = operations;
  for (const key of keys.slice(0, -1)) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) throw bad();
    at = (at as Record<string, unknown>)[key];
  }
  const last = keys.at(-1)!;
  if (
    at === null ||
    typeof at !== 'object' ||
    !Object.hasOwn(at, last) ||
    (at as Record<string, unknown>)[last] !== null
  )
    throw bad();
  (at as Record<string, unknown>)[last] = file;
}
