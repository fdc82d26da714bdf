// Which audit entries are webhook events (docs/webhooks.md "Where events come from"). Every change
// is audited in the transaction that makes it, so the audit trail is the outbox: a job reads it in
// chain order and turns the entries below into events. Data is minimal: ids and codes, never
// names or other personal data.
import type { WebhookEventType } from './webhook-rules';

export interface AuditEntryOfWebhook {
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface DerivedWebhookEvent {
  type: WebhookEventType;
  data: Record<string, unknown>;
  /**
   * The provider the event concerns, when the entry names it itself: a confirmed missed planned
   * visit has no visit the audience could be read from.
   */
  providerId?: string;
}

type Row = Record<string, unknown>;

const blockedStatuses = new Set(['blocked', 'lost']);
const workOrderActions = new Set(['create', 'update', 'transition', 'install', 'move', 'dismount']);

function asRow(value: unknown): Row {
  return value !== null && typeof value === 'object' ? (value as Row) : {};
}

function field(row: Row, camel: string, snake: string): unknown {
  return row[camel] ?? row[snake] ?? null;
}

/**
 * The order's state after the change (sent as `status`): a work order's field is `state`. A few
 * creators record the new order without it (a battery round, an emergency's follow-up); every new
 * order starts `requested` (storage's insertWorkOrders).
 */
function workOrderStateOf(action: string, after: Row): unknown {
  return after.state ?? (action === 'create' ? 'requested' : null);
}

/** The webhook event an audit entry stands for, or null when it is none. */
export function deriveWebhookEvent(entry: AuditEntryOfWebhook): DerivedWebhookEvent | null {
  const before = asRow(entry.before);
  const after = asRow(entry.after);
  switch (entry.entity) {
    case 'digital_key': {
      const isNowBlocked = blockedStatuses.has(String(after.status));
      const wasBlocked = blockedStatuses.has(String(before.status));
      if (!isNowBlocked || (wasBlocked && entry.action !== 'block')) return null;
      if (entry.action !== 'block' && entry.action !== 'update') return null;
      return {
        type: 'key.blocked',
        data: {
          keyId: entry.entityId,
          providerId: field(after, 'providerId', 'provider_id'),
          status: after.status,
          reason: field(after, 'statusReason', 'status_reason'),
        },
      };
    }
    case 'work_order':
      if (!workOrderActions.has(entry.action) || !entry.entityId) return null;
      return {
        type: 'work_order.changed',
        data: {
          workOrderId: entry.entityId,
          change: entry.action,
          status: workOrderStateOf(entry.action, after),
        },
      };
    case 'emergency_opening':
      if (entry.action !== 'create') return null;
      return {
        type: 'emergency.opened',
        data: {
          emergencyId: entry.entityId,
          customerId: after.customerId ?? null,
          doorId: after.doorId ?? null,
          lockId: after.lockId ?? null,
        },
      };
    case 'consent_request': {
      if (entry.action !== 'answer') return null;
      const answers = Array.isArray(after.answers) ? (after.answers as unknown[]).map(asRow) : [];
      return {
        type: 'consent.answered',
        data: {
          consentRequestId: entry.entityId,
          answers: answers.map((answer) => ({
            doorId: answer.doorId ?? null,
            answer: answer.status ?? answer.answer ?? null,
          })),
        },
      };
    }
    case 'visit': {
      if (entry.action !== 'confirm') return null;
      const providerId = typeof after.providerId === 'string' ? after.providerId : null;
      return {
        type: 'visit.exception',
        data: {
          visitId: entry.entityId,
          providerId,
          code: after.code ?? null,
          exceptionKey: after.key ?? null,
        },
        ...(providerId ? { providerId } : {}),
      };
    }
    default:
      return null;
  }
}
