// Which field a refused request was about, from the error the API sent: a 400
// `validation_failed` lists each failed field in `details` (`{ field: 'body.callOrder', problem:
// 'minimum', limit: 1 }`), a rule's refusal names one (`details.field`). The form then says the
// field's label instead of only "some details are missing or wrong" (docs/web.md "Forms").
import type { ApiRequestError } from './api-client';

/** One field the API says is wrong: its name in the request, and for a schema's check, which. */
export interface FieldIssue {
  /** The field as the form names it: `callOrder`, `serviceWindows.home_care.0.from`. */
  field: string;
  /** The JSON Schema keyword that failed (`minimum`, `pattern`, `required`…), for validation_failed. */
  problem?: string;
  /** The bound that was crossed (`minimum`, `maxLength`…). */
  limit?: number;
}

/** The fields an error names, in its order; none when it names none. */
export function findFieldIssues(error: ApiRequestError): FieldIssue[] {
  const details: unknown[] = Array.isArray(error.details) ? error.details : [error.details];
  return details.flatMap((detail) => {
    if (!detail || typeof detail !== 'object') return [];
    const { field, problem, limit } = detail as Record<string, unknown>;
    if (typeof field !== 'string') return [];
    // Validation names the part of the request first (body.callOrder); a form knows only the field.
    const name = field.replace(/^(body|querystring|params)(\.|$)/, '');
    if (name === '') return [];
    return [
      {
        field: name,
        ...(typeof problem === 'string' ? { problem } : {}),
        ...(typeof limit === 'number' ? { limit } : {}),
      },
    ];
  });
}

/**
 * The label a form shows for `field`, or for the first part of a nested one (the field that holds
 * it); undefined when the form has no such field.
 */
export function findLabel(field: string, labelOf: (name: string) => string | undefined): string | undefined {
  return labelOf(field) ?? labelOf(field.split('.')[0]!);
}

/**
 * The numbers a refusal names in its `details` besides the field (`grant_too_long`'s `maxDays`),
 * for error texts that say them (`{maxDays}`); the first entry that names one wins.
 */
export function findErrorParams(error: ApiRequestError): Record<string, number> {
  const details: unknown[] = Array.isArray(error.details) ? error.details : [error.details];
  const params: Record<string, number> = {};
  for (const detail of details) {
    if (!detail || typeof detail !== 'object') continue;
    const { code } = detail as Record<string, unknown>;
    // A list of broken rules names each rule's own bound; only the code answered is said.
    if (code !== undefined && code !== error.code) continue;
    for (const [name, value] of Object.entries(detail)) {
      if (typeof value === 'number' && Number.isFinite(value) && !(name in params)) params[name] = value;
    }
  }
  return params;
}
