import { isErrorCode, type ErrorCode } from '@portvakt/contract';
import {
  calendarRangeRule,
  organisationNumberFormat,
  organisationNumberRule,
  phoneNumberPattern,
  phoneNumberRule,
  type TextProblem,
} from '@portvakt/core';
import type { Reason } from '@portvakt/protocol';
import {
  DatabaseUnavailableError,
  isFailoverError,
  isLockWaitTimeout,
  isPoolTimeout,
} from '@portvakt/storage';
import type { FastifyError, FastifyInstance } from 'fastify';

/**
 * An error the client can act on: an HTTP status, a stable machine-readable code and a human
 * message. The code is one of the contract's `errorCodes`, or on the device gateway a protocol
 * reason, which devices act on (docs/protocol.md).
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode | Reason,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * A rule from core (its violations carry plain strings) as an error code. Every rule code is in
 * the contract's list; one missing from it is a bug, reported as the generic rule_violation
 * rather than a code clients were never told about.
 */
export function ruleCode(code: string): ErrorCode {
  return isErrorCode(code) ? code : 'rule_violation';
}

/** The body of an error answer, with a code the contract lists. */
export function errorBody(code: ErrorCode | Reason, message: string, details?: unknown) {
  return details === undefined ? { code, message } : { code, message, details };
}

/** A core rule's refusal of one field (null when the rule passes) as a 422 that names the field. */
export function throwIfRefused(refusal: { code: ErrorCode; field: string; message: string } | null): void {
  if (refusal) throw new ApiError(422, refusal.code, refusal.message, { field: refusal.field });
}

/**
 * One field of a request a rule across its fields refuses, said as the schema says its own
 * refusals: the field (`body.targetDoorId`), the JSON Schema keyword that would have failed had
 * the schema said the rule (`required`, `not`), and what is wrong.
 */
export interface FieldProblem {
  field: string;
  problem: string;
  message: string;
}

/** The message of a 400 validation_failed, naming its first problem. */
function invalidRequestMessage(first: { field: string; message?: string | undefined } | undefined): string {
  return `The request is not valid${first ? `: ${first.field} ${first.message ?? 'is not valid'}` : ''}.`;
}

/**
 * A request whose shape is wrong in a way its schema does not say (a rule across its fields, e.g.
 * only a move names a target door): 400 validation_failed with `details` like the schema's, so a
 * client handles both alike and a form shows it at the field (docs/api.md "Errors"). A refusal
 * about the state of things is a 422 with its own code instead.
 */
export function invalidRequest(problems: readonly FieldProblem[]): ApiError {
  return new ApiError(400, 'validation_failed', invalidRequestMessage(problems[0]), problems);
}

/** What each text problem is, for a person (the answer's message) and at the field (its details). */
const textProblemWords: Record<TextProblem, { message: string; atField: string }> = {
  blank: {
    message: 'The text is only spaces; write something or leave it out.',
    atField: 'is only spaces',
  },
  bidi_control: {
    message:
      'The text contains a direction control character (such as U+202E) that would change how it is shown.',
    atField: 'contains a direction control character (such as U+202E)',
  },
  lone_surrogate: {
    message: 'The text contains half a character (a lone UTF-16 surrogate).',
    atField: 'contains half a character (a lone UTF-16 surrogate)',
  },
  control_character: {
    message:
      'The text contains a control character (such as a line break, tab or NUL); only notes, descriptions and other free text may hold line breaks and tabs.',
    atField: 'contains a control character (such as a line break, tab or NUL)',
  },
};

/**
 * Text that may not be stored as sent (docs/api.md "Errors"): 400 `blank_text` for text that is
 * only spaces (or empty where text is required), 400 `invalid_characters` for a direction control,
 * a control character (line breaks and tabs only in multi-line text) or half a character.
 * `details` is a list like validation_failed's, `[{ field, problem, message }]` with the field as
 * `body.name`, so a form shows it at the field. `message` overrides the general words where the
 * use case knows what the text is for.
 */
/** What is wrong with a piece of text, in words that follow its field's name. */
export function describeTextProblem(problem: TextProblem): string {
  return textProblemWords[problem].atField;
}

export function refuseText(field: string, problem: TextProblem, message?: string): ApiError {
  const words = textProblemWords[problem];
  const details = [{ field, problem, message: words.atField }];
  if (problem === 'blank') return new ApiError(400, 'blank_text', message ?? words.message, details);
  return new ApiError(400, 'invalid_characters', message ?? words.message, details);
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `No such ${what}.`);
export const forbidden = (message = 'Your role does not allow this.') =>
  new ApiError(403, 'forbidden', message);

export interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

export function isPgError(error: unknown): error is PgError & Error {
  return (
    error instanceof Error &&
    typeof (error as PgError).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as PgError).code!)
  );
}

/**
 * Column lists from constraint messages, in API terms: camelCase, without the tenant column, and
 * with the lookup hash named as the field it stands for.
 */
function apiFields(columns: string | undefined): string | undefined {
  if (!columns) return undefined;
  const fields = columns
    .split(',')
    .map((column) => column.trim().replace(/^lower\((.*)\)$/, '$1'))
    .filter((column) => column !== 'municipality_id' && column !== 'provider_id')
    .map((column) => (column === 'identity_number_lookup' ? 'identityNumber' : column))
    .map((column) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()));
  return fields.join(', ') || undefined;
}

const tableLabels: Record<string, string> = {
  access_path_step: 'access paths',
  customer_service: 'customer services',
  team_membership: 'team memberships',
  team_customer: 'team assignments',
  lock_device: 'locks',
  digital_key: 'keys',
  staff_member: 'staff members',
  property: 'properties',
  user_account: 'user accounts',
  access_grant: 'individual grants',
  shared_door_grant: 'shared-door grants',
  area_rule: 'area rules',
  block_list_entry: 'the block list',
  device_enrolment: 'enrolled devices',
};

/** Maps database constraint errors to client errors; the operation has already been rolled back. */
export function mapDatabaseError(error: PgError, method: string): ApiError | undefined {
  switch (error.code) {
    case '23505': {
      const field = apiFields(/Key \((.*?)\)=\(/.exec(error.detail ?? '')?.[1]);
      return new ApiError(
        409,
        'already_exists',
        `Something with the same ${field ?? 'value'} already exists.`,
        {
          field,
        },
      );
    }
    case '23503': {
      if (method === 'DELETE' || /is still referenced/.test(error.detail ?? '')) {
        const table = /from table "([^"]+)"/.exec(error.detail ?? '')?.[1];
        const what = table ? (tableLabels[table] ?? `${table.replace(/_/g, ' ')}s`) : 'other records';
        return new ApiError(
          409,
          'still_referenced',
          `It cannot be deleted while ${what} still refer to it.`,
          {
            referencedBy: table,
          },
        );
      }
      const field = apiFields(/Key \((.*?)\)=\(/.exec(error.detail ?? '')?.[1]);
      return new ApiError(422, 'unknown_reference', `The referenced ${field ?? 'record'} does not exist.`, {
        field,
      });
    }
    case '23514':
    case '23P01':
      return new ApiError(422, 'rule_violation', 'The change breaks a rule of the registry.');
    case '22P02':
    case '22P05':
    case '22007':
    case '22008':
    case '22003':
    case '22021':
    case '54000':
      return new ApiError(400, 'invalid_value', 'A value has the wrong format.');
    default:
      return undefined;
  }
}

/** What `Retry-After` tells a client the database was lost to: about how long a failover takes. */
export const failoverRetryAfterSeconds = 5;

const fastifyCodes: Record<string, [number, ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Send the body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    'invalid_content_length',
    'The Content-Length does not match the body.',
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json', 'The request body is not valid JSON.'],
};

/**
 * A missing body is one answer however it is missing: no bytes at all (the schema then sees no
 * body) or `Content-Type: application/json` with no bytes (Fastify's JSON parser refuses it as
 * FST_ERR_CTP_EMPTY_JSON_BODY). Both are what `{}` is, a body without its required fields: 400
 * validation_failed, here with the body itself named as the missing field. A route that takes no
 * body accepts none, but not an empty one that claims to be JSON.
 */
function missingBodyAnswer(isBodyTaken: boolean) {
  return isBodyTaken
    ? errorBody('validation_failed', 'The request body is missing; send a JSON object.', [
        { field: 'body', problem: 'required', message: 'is required' },
      ])
    : errorBody(
        'validation_failed',
        'The request body is empty; send a JSON object, or no body and no Content-Type.',
        [{ field: 'body', problem: 'type', message: 'must be a JSON object or left out' }],
      );
}

/** Whether a validation failure is about a body that was not sent (rather than a wrong one). */
function isMissingBody(error: FastifyError, body: unknown): boolean {
  return error.validationContext === 'body' && body === undefined;
}

/** One failed keyword of a request's schema, as Fastify's validator reports it. */
type ValidationIssue = NonNullable<FastifyError['validation']>[number];

/**
 * The field a validation issue is about, as `body.callOrder`: a missing property is named itself
 * (not the object it is missing from), so a form can point at it.
 */
function fieldOf(context: string | undefined, issue: ValidationIssue): string {
  const missing = issue.keyword === 'required' ? issue.params.missingProperty : undefined;
  const path = `${issue.instancePath}${typeof missing === 'string' ? `/${missing}` : ''}`;
  return `${context ?? ''}${path}`.replace(/\//g, '.');
}

/** What is wrong, in words: a pattern with a rule people know (a phone number) is named by it. */
/** What a date or instant must be, said where its format refuses it (formats.ts). */
const formatRules: Readonly<Record<string, string>> = {
  date: `must be a date (YYYY-MM-DD) ${calendarRangeRule}`,
  'date-time': `must be a date and time with its offset (RFC 3339) ${calendarRangeRule}`,
  [organisationNumberFormat]: `must be an organisation number: ${organisationNumberRule}`,
};

function messageOf(issue: ValidationIssue): string | undefined {
  if (issue.keyword === 'pattern' && issue.params.pattern === phoneNumberPattern)
    return `must be a phone number: ${phoneNumberRule}`;
  const format = issue.keyword === 'format' ? (issue.params as { format?: string }).format : undefined;
  if (format && Object.hasOwn(formatRules, format)) return formatRules[format];
  return issue.message;
}

/** One error shape for every failure: `{ code, message, details? }` with the right status. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(errorBody('route_not_found', `No route ${request.method} ${request.url}.`));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.statusCode).send(errorBody(error.code, error.message, error.details));
    }
    if (
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (error.validation && isMissingBody(error, request.body))
    )
      return reply.status(400).send(missingBodyAnswer(request.routeOptions.schema?.body !== undefined));
    if (error.validation) {
      const details = error.validation.map((issue) => ({
        field: fieldOf(error.validationContext, issue),
        problem: issue.keyword,
        message: messageOf(issue),
        ...(typeof issue.params.limit === 'number' ? { limit: issue.params.limit } : {}),
        ...(issue.keyword === 'additionalProperties'
          ? { unexpected: (issue.params as { additionalProperty?: string }).additionalProperty }
          : {}),
        ...(issue.keyword === 'enum'
          ? { allowedValues: (issue.params as { allowedValues?: unknown[] }).allowedValues }
          : {}),
      }));
      return reply
        .status(400)
        .send(errorBody('validation_failed', invalidRequestMessage(details[0]), details));
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return reply.status(known[0]).send(errorBody(known[1], known[2]));
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return reply.status(400).send(errorBody('malformed_json', 'The request body is not valid JSON.'));
    }
    // Every pooled connection stayed in use for the pool's timeout, or a row this request needs
    // stayed locked by a long transaction as long: busy, not broken; retry soon.
    if (isPoolTimeout(error) || isLockWaitTimeout(error)) {
      return reply
        .status(503)
        .header('retry-after', '1')
        .send(errorBody('database_busy', 'The server is busy right now; try again in a moment.'));
    }
    // Lost to a failover (the connection dropped, the node read-only) after the retries that were
    // safe (docs/idempotency.md "Failover and retries"): nothing to fix in the request; retry later.
    if (isFailoverError(error)) {
      const isOutcomeUnknown = error instanceof DatabaseUnavailableError && error.isOutcomeUnknown;
      return reply
        .status(503)
        .header('retry-after', String(failoverRetryAfterSeconds))
        .send(
          errorBody(
            'database_unavailable',
            isOutcomeUnknown
              ? 'The database was lost while saving, so whether the change was saved is unknown; check before trying again, or send an Idempotency-Key to retry safely.'
              : 'The database is unavailable right now; try again in a moment.',
          ),
        );
    }
    if (isPgError(error)) {
      const mapped = mapDatabaseError(error, request.method);
      if (mapped)
        return reply.status(mapped.statusCode).send(errorBody(mapped.code, mapped.message, mapped.details));
    }
    // Any other client error Fastify raises keeps Fastify's own code, lower-cased.
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .status(error.statusCode)
        .send({ code: (error.code ?? 'bad_request').toLowerCase(), message: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('internal_error', 'Something went wrong on our side.'));
  });
}
