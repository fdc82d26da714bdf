// Checks every request body gets before its route's schema: the charset it claims, and every
// piece of text in it (names, labels, reasons alike), in one place rather than per field.
import type { ErrorCode } from '@portvakt/contract';
import { findTextProblem, type TextProblem } from '@portvakt/core';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors';

const textMessages: Record<TextProblem, [code: ErrorCode, message: string]> = {
  blank: ['blank_text', 'The text is only spaces; write something or leave it out.'],
  bidi_control: [
    'invalid_characters',
    'The text contains a direction control character (such as U+202E) that would change how it is shown.',
  ],
  lone_surrogate: ['invalid_characters', 'The text contains half a character (a lone UTF-16 surrogate).'],
};

/** The first text in a parsed JSON body that may not be stored, with its field path. */
export function findBadText(
  value: unknown,
  field = 'body',
): { field: string; problem: TextProblem } | undefined {
  if (typeof value === 'string') {
    const problem = findTextProblem(value);
    return problem ? { field, problem } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findBadText(item, `${field}.${index}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findBadText(item, `${field}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** The charset a Content-Type names, if any (lower case, without quotes). */
export function charsetOf(contentType: string): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1]?.toLowerCase();
}

export function installInputChecks(app: FastifyInstance): void {
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
  app.addHook('preValidation', async (request) => {
    const found = findBadText(request.body);
    if (!found) return;
    const [code, message] = textMessages[found.problem];
    throw new ApiError(400, code, message, found);
  });
}
