import { Type } from 'typebox';

// Every `code` an error body can carry. Clients branch on these, so a code is added here before
// the server may send it (ApiError only takes codes from this list) and never renamed.

/** Codes of the request itself: authentication, input checks, the shape of the body. */
const requestCodes = [
  'unauthenticated',
  'session_expired',
  'invalid_token',
  'csrf_failed',
  'forbidden',
  'route_not_found',
  'not_found',
  'validation_failed',
  'invalid_value',
  'invalid_cursor',
  'invalid_range',
  'blank_text',
  'invalid_characters',
  'unsupported_media_type',
  'unsupported_charset',
  // A body whose bytes are not UTF-8 though it names no other charset (e.g. a Latin-1 file): 400.
  'invalid_encoding',
  'invalid_content_length',
  'body_too_large',
  // No longer sent: an empty body is a missing one, 400 validation_failed (docs/api.md "Errors").
  'empty_body',
  'malformed_json',
  'bad_request',
  'too_many_attempts',
] as const;

/** Codes of the database's own constraints, mapped for the client. */
const constraintCodes = [
  'already_exists',
  'still_referenced',
  'unknown_reference',
  'rule_violation',
] as const;

/** Codes of the server's state, not of the request. */
const serverCodes = [
  'database_busy',
  'database_unavailable',
  'internal_error',
  // `/` of a server started without `npm run build` (docs/operations.md).
  'console_not_built',
] as const;

/** The `Idempotency-Key` header of writing requests (docs/idempotency.md). */
const idempotencyCodes = [
  'invalid_idempotency_key',
  'idempotency_key_reused',
  'idempotency_key_in_progress',
  'idempotency_key_unanswered',
] as const;

/** Accounts: login, passwords, users and API tokens. */
const accountCodes = [
  'invalid_credentials',
  'no_session',
  'wrong_password',
  'weak_password',
  'same_password',
  'cannot_disable_self',
  'provider_required',
  'provider_not_applicable',
  'staff_member_required',
  'property_owner_required',
  'already_expired',
  // Passkeys (docs/sign-in.md "Passkeys").
  'passkey_required',
  'passkey_enrolment_required',
  'passkey_enrolment_expired',
  'passkey_challenge_invalid',
  'passkey_refused',
  'passkey_already_registered',
  'last_required_passkey',
  'own_passkeys_reset',
] as const;

/** OpenID Connect sign-in through the municipality's identity provider (docs/oidc.md). */
const oidcCodes = [
  'oidc_not_configured',
  'oidc_discovery_failed',
  'oidc_provider_unreachable',
  'oidc_provider_refused',
  'oidc_state_mismatch',
  'oidc_code_rejected',
  'oidc_token_invalid',
  'oidc_account_unknown',
  'oidc_account_disabled',
  // Configuring the identity provider: the first configuration has no stored secret to keep.
  'client_secret_required',
  // An issuer, client id or claim the configuration may not have (422, `details.field`), and an
  // account linked before any provider is configured (409; `oidc_not_configured` is sign-in's 404).
  'oidc_config_invalid',
  'oidc_config_required',
] as const;

/** Registry, access and devices: refusals of the routes and hooks. */
const operationCodes = [
  'invalid_identity_number',
  'invalid_public_key',
  'key_not_active',
  'key_required',
  'kind_mismatch',
  'lock_required',
  'not_a_hardware_key',
  'not_mounted',
  'one_subject',
  'reason_required',
  'unexpected_reference',
  'already_assigned',
  'ends_in_the_past',
  'starts_in_the_past',
  'already_started',
  'already_ended',
  'lock_on_access_path',
  // Imports from the care system (docs/imports.md): a file with errors (each named by file, line
  // and field), a file whose kind cannot be told from its name, an import id that is not there.
  'import_file_invalid',
  'import_kind_unknown',
  // A care-system file refused as a whole before its rows are checked (docs/visits.md "Planned
  // visits and granted time"): no rows, not readable as CSV, a column no field is called, a row
  // whose key an earlier line already had.
  'empty_file',
  'file_unreadable',
  'unknown_column',
  'duplicate_row',
] as const;

/** The rules core checks on registry rows and access paths (a 422 names the first one broken). */
const ruleCodes = [
  'cannot_unblock',
  'customer_has_access_path',
  'customer_refused_lock',
  'door_outside_residence',
  'door_required',
  'duplicate_door',
  'employment_ended',
  'ends_before_start',
  'grant_target_required',
  'grant_too_long',
  'lock_type_mismatch',
  'not_a_shared_door',
  'not_an_alarm_patrol',
  'not_an_apartment_door',
  'outside_employment',
  'path_must_end_at_customer_door',
  'path_must_end_at_home',
  'provider_cannot_deliver',
  'provider_mismatch',
  'provider_not_chosen',
  'provider_still_delivers',
  'wrong_property',
  'residence_required',
  'district_not_of_home',
  // Visit registration (docs/visits.md).
  'month_locked',
  'overlapping_visit',
  'reversed_times',
  'departure_required',
  'customer_not_in_home',
  'visit_unchanged',
  'visit_in_future',
  'visit_too_long',
  'version_conflict',
  'customer_not_served',
  'staff_not_of_provider',
  'run_in_future',
  // Compensation rates (docs/visits.md "Settings"): two rates of a band on one day, or none.
  'overlapping_rates',
  'no_rate_for_day',
  // An approval of a day or week that has not ended yet (docs/visits.md "Approval").
  'period_not_ended',
  'unresolved_exceptions',
  'alarm_in_future',
  // Phone check-in and check-out (docs/device-gateway.md "Phone visits").
  'not_permitted',
  'visit_already_open',
  'no_open_visit',
  'overlapping_shift',
  'shift_too_long',
  'shift_in_future',
  // Work orders (docs/work-orders.md).
  'invalid_transition',
  'consent_missing',
  'consent_no_longer_given',
  'serial_enrolled',
  'door_has_lock',
  'wrong_order_kind',
  'storage_label_required',
  'lock_not_enrolled',
  'restore_not_confirmed',
  'company_needs_installer',
  'target_door_required',
  'lock_not_on_door',
  'same_door',
  'order_finished',
  // The customer's lock consent and provider introductions (docs/work-orders.md).
  'date_in_future',
  'provider_not_serving',
  // Rollout (docs/rollout.md).
  'empty_opening_window',
  'invalid_as_of',
  // Batteries (docs/batteries.md).
  'out_of_range',
  'district_or_team_required',
  'nothing_due',
  'changed_in_future',
  'team_only_for_home_care',
  // Property owners and consent (docs/consents.md).
  'consent_link_used',
  'consent_link_expired',
  'door_not_in_request',
  'door_not_askable',
  'no_entrances',
  'property_without_owner',
  'contact_of_other_owner',
  'contact_without_email',
  'consent_not_given',
  'mail_not_sent',
  // A consent answer that leaves out an entrance or answers one twice.
  'one_answer_per_entrance',
  // Key cabinets (docs/key-cabinets.md).
  'slot_empty',
  'key_already_out',
  'no_such_slot',
  // A retired cabinet: 409 to a take or change of it; 422 as where a backup key is kept.
  'cabinet_retired',
  'storage_cabinet_retired',
  'reason_text_required',
  'slots_in_use',
  'support_case_not_applicable',
  // A take linked to a support case about another customer or door than its key (422).
  'support_case_of_other_customer',
  // Webhooks (docs/webhooks.md).
  'webhook_url_invalid',
  'webhook_url_internal',
  'webhook_event_type_not_allowed',
  'webhook_delivery_not_failed',
  // Support cases (docs/support.md).
  'outside_support_hours',
  'invalid_assignee',
  'support_hours_reversed',
  'door_not_of_customer',
  'lock_not_of_customer',
  // Emergency opening (docs/support.md "Emergency opening").
  'emergency_closed',
  'emergency_already_assigned',
  'emergency_not_assigned',
  'emergency_not_on_site',
  'emergency_already_on_site',
  'emergency_door_already_opened',
  'locksmith_not_contracted',
  'door_not_on_path',
  'follow_up_exists',
  'emergency_not_closed',
  'take_closed',
  'arrival_link_used',
  'arrival_link_expired',
  // Backup keys, deviation plans and key returns (docs/backup-keys.md).
  'slot_taken',
  'slot_out_of_range',
  'storage_place_required',
  'cabinet_of_other_provider',
  'key_returned',
  'key_not_returned',
  'not_ready_for_return',
  'returned_before_received',
  'signed_before_received',
  'invalid_document',
  'document_too_large',
  'plan_already_decided',
  // Relatives' self-service (docs/relatives.md).
  'invitation_used',
  'invitation_expired',
  'invitation_withdrawn',
  'relative_by_invitation',
  'invalid_username',
  // Exports (docs/exports.md).
  'period_required',
  'unknown_export_kind',
  'export_kind_required',
  'export_has_no_period',
] as const;

export const errorCodes = [
  ...requestCodes,
  ...constraintCodes,
  ...serverCodes,
  ...idempotencyCodes,
  ...accountCodes,
  ...oidcCodes,
  ...operationCodes,
  ...ruleCodes,
] as const;

export type ErrorCode = (typeof errorCodes)[number];

const knownCodes: ReadonlySet<string> = new Set(errorCodes);

export function isErrorCode(code: string): code is ErrorCode {
  return knownCodes.has(code);
}

/** The error body every 4xx/5xx carries. */
export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: 'Stable machine-readable code, e.g. validation_failed.' }),
    message: Type.String({ description: 'What went wrong, for a person.' }),
    details: Type.Optional(Type.Unknown()),
  },
  { $id: 'Error' },
);

/** The client errors any route may answer with, by reference to ErrorBody. */
export const errorResponses = {
  400: Type.Ref('Error'),
  401: Type.Ref('Error'),
  403: Type.Ref('Error'),
  404: Type.Ref('Error'),
  409: Type.Ref('Error'),
  422: Type.Ref('Error'),
} as const;
