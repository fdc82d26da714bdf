// Checks every request body gets before its route's schema: the charset it claims, that its bytes
// are UTF-8, and every piece of text in it (names, labels, reasons alike), in one place rather than
// per field, then put in one Unicode form; and a missing body taken as `{}` where the route
// accepts `{}`.
import { findTextProblem, multiLineTextFields, type TextProblem } from '@portvakt/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, refuseText } from './errors';

/**
 * The first text in a parsed JSON body that may not be stored, with its field path. Text under a
 * multi-line field (core's `multiLineTextFields`, by the field's own name; an array's items by the
 * array's) may hold line breaks and tabs; every other text is one line.
 */
export function findBadText(
  value: unknown,
  field = 'body',
  isMultiLine = false,
): { field: string; problem: TextProblem } | undefined {
  if (typeof value === 'string') {
    const problem = findTextProblem(value, { isMultiLine });
    // An import file's content is a document: a blank one (a BOM only) is an empty file, which
    // its reader refuses as the CLI's does (422 `empty_file`, docs/imports.md).
    if (problem === 'blank' && field.endsWith('.content')) return undefined;
    return problem ? { field, problem } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findBadText(item, `${field}.${index}`, isMultiLine);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findBadText(item, `${field}.${key}`, multiLineTextFields.has(key));
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * `value` with every text in Unicode's composed form (NFC): "å" pasted from macOS or a PDF may be
 * "a" and a combining ring, which looks the same, but would be stored as other text, found by no
 * search typed on a keyboard and compared unequal with the same name (the import's files alike).
 */
export function normaliseText<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normaliseText) as T;
  // A body read as bytes (a Buffer) is not text. A query string's object has a prototype of its
  // own (fast-querystring's), so objects are not told apart by theirs.
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normaliseText(item)])) as T;
  return value;
}

/** The charset a Content-Type names, if any (lower case, without quotes). */
export function charsetOf(contentType: string): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1]?.toLowerCase();
}

/**
 * Whether the route takes a body and `{}` is one it accepts (every field optional). Such a route
 * takes a missing body as `{}`, as docs/api.md "Errors" says of every missing body; where `{}` is
 * refused, the error handler names the missing body instead (errors.ts).
 */
function isEmptyObjectAccepted(request: FastifyRequest): boolean {
  if (request.routeOptions.schema?.body === undefined) return false;
  // A throwaway object: the validator fills in defaults, and the route's own validation will too.
  return request.getValidationFunction('body')?.({}) === true;
}

// `fatal`: Buffer's own decoding would turn each byte that is not UTF-8 into U+FFFD and the text
// would be stored garbled ("S\uFFFDder"), with no one told. `ignoreBOM`: a BOM is kept as Buffer
// kept it; the JSON parser and the CSV reader skip it themselves.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A body's bytes as text, or 400 `invalid_encoding` when they are not UTF-8 (docs/api.md "Request path"). */
export function decodeBody(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ApiError(
      400,
      'invalid_encoding',
      'The body is not valid UTF-8 (perhaps Latin-1 or Windows-1252): send it as UTF-8.',
    );
  }
}

/**
 * The first parameter of a query string whose percent-escapes are not UTF-8 (Latin-1's "å" is
 * `%E5`, a lone `%`): the query parser would keep such a value as its raw text, so a search would
 * look for "%E5sa" and find nothing, with no one told why.
 */
export function findBadQueryEscape(url: string): string | undefined {
  const start = url.indexOf('?');
  if (start < 0) return undefined;
  const query = url.slice(start + 1);
  for (const part of query.split('&')) {
    try {
      decodeURIComponent(part);
    } catch {
      return part.split('=', 1)[0];
    }
  }
  return undefined;
}

export function installInputChecks(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const parameter = findBadQueryEscape(request.url);
    if (parameter !== undefined)
      throw new ApiError(
        400,
        'invalid_encoding',
        `The query parameter "${parameter}" is not valid percent-encoded UTF-8 (perhaps Latin-1): encode it as UTF-8.`,
        { field: `query.${parameter}` },
      );
  });
  // Bodies are read as UTF-8. One that says it is Latin-1 would be decoded wrongly (å, ä, ö
  // garbled) and stored silently, so say so instead.
  app.addHook('preParsing', async (request, _reply, payload) => {
    const contentType = request.headers['content-type'];
    const charset = typeof contentType === 'string' ? charsetOf(contentType) : undefined;
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      throw new ApiError(415, 'unsupported_charset', 'Send the body as UTF-8 (charset=utf-8).', {
        charset,
      });
    }
    return payload;
  });
  // A missing body sent as an empty `application/json` body: Fastify's own parser refuses it
  // whatever the route accepts (FST_ERR_CTP_EMPTY_JSON_BODY, answered in errors.ts).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, bytes: Buffer, done) => {
    const body = decodeBody(bytes);
    if (body === '' && isEmptyObjectAccepted(request)) return done(null, {});
    void parseJson(request, body, done);
  });
  app.addHook('preValidation', async (request) => {
    // A missing body sent without bytes: the route's schema would otherwise see no object at all.
    if (request.body === undefined && isEmptyObjectAccepted(request)) request.body = {};
    // A file sent as the body itself (CSV, care-plan.routes.ts) is text of many lines.
    const found = findBadText(request.body, 'body', typeof request.body === 'string');
    if (found) throw refuseText(found.field, found.problem);
    request.body = normaliseText(request.body);
    request.query = normaliseText(request.query);
  });
}
