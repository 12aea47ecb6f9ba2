import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { GraphQLError, GraphQLScalarType } from 'graphql';
import type { ImportFile } from '../../application/onboarding/workbook.js';

/**
 * A file sent with a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec),
 * as the gateway's HTTP server stored it: in a temporary file, deleted once the answer is sent.
 * Only the server makes these: JSON cannot, so a client cannot name a path on the server by
 * sending an object where a file belongs.
 */
export class UploadedFile implements ImportFile {
  constructor(
    /** The file name the client gave (its extension says the format). */
    readonly name: string,
    /** The temporary file the server wrote it to. */
    readonly path: string,
    /** Its size in bytes. */
    readonly bytes: number,
  ) {}

  open(): Readable {
    return createReadStream(this.path);
  }
}

const notAFile = () =>
  new GraphQLError(
    'Upload 只能通过 multipart 请求上传文件 / an Upload is a file sent in a multipart request',
    {
      extensions: { code: 'BAD_USER_INPUT' },
    },
  );

/** The `Upload` scalar: a file of a multipart request, as {@link UploadedFile}; nothing else. */
export const UploadScalar = new GraphQLScalarType<UploadedFile, never>({
  name: 'Upload',
  description:
    'A file sent with the GraphQL multipart request spec (multipart/form-data with `operations`, `map` and the file; a non-simple header such as `apollo-require-preflight: true` is required).',
  parseValue(value) {
    if (value instanceof UploadedFile) return value;
    throw notAFile();
  },
  parseLiteral() {
    throw notAFile();
  },
  serialize() {
    throw new GraphQLError('Upload is an input only');
  },
});
