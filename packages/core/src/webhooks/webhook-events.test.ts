// Each event type's payload from the audit entry its source writes, field by field as
// docs/webhooks.md lists them: the shapes below are what the use cases record (the server files
// named beside each), so a field read under the wrong name shows up as a null here.
import { describe, expect, it } from 'vitest';
import { deriveWebhookEvent, type AuditEntryOfWebhook } from './webhook-events';

const entry = (fields: Partial<AuditEntryOfWebhook> & Pick<AuditEntryOfWebhook, 'entity' | 'action'>) => ({
  entityId: 'id-1',
  before: null,
  after: null,
  ...fields,
});

/** A work order as the API reads it (contract WorkOrderDetail, abridged): its state is `state`. */
const workOrderDetail = (state: string) => ({
  id: 'id-1',
  reference: 'AO-2027-000001',
  kind: 'repair',
  state,
  doorId: 'door-1',
  lock: { id: 'lock-1', serial: 'PV-1', lockType: 'cylinder_ring', status: 'installed' },
});

describe('webhook payloads from real audit entries', () => {
  it('key.blocked: keyId, providerId, status, reason (registry update of a key)', () => {
    const key = { id: 'id-1', providerId: 'p1', kind: 'hardware_key', serial: 'PV-1', statusReason: null };
    expect(
      deriveWebhookEvent(
        entry({
          entity: 'digital_key',
          action: 'update',
          before: { ...key, status: 'active' },
          after: { ...key, status: 'blocked', statusReason: 'Tappad' },
        }),
      ),
    ).toEqual({
      type: 'key.blocked',
      data: { keyId: 'id-1', providerId: 'p1', status: 'blocked', reason: 'Tappad' },
    });
  });

  it('work_order.changed: workOrderId, change, status (the order’s state) on every kind of change', () => {
    const changed = (action: string, after: unknown) =>
      deriveWebhookEvent(entry({ entity: 'work_order', action, after }))?.data;
    // create-work-order.ts and recordOrderChange (work-order-access.ts): the order as read.
    expect(changed('create', workOrderDetail('requested'))).toEqual({
      workOrderId: 'id-1',
      change: 'create',
      status: 'requested',
    });
    expect(changed('transition', workOrderDetail('done'))?.status).toBe('done');
    expect(changed('update', workOrderDetail('planned'))?.status).toBe('planned');
    // cancelUnstartedOrder: only the state.
    expect(changed('update', { state: 'cancelled', reasonKind: 'lock_removed' })?.status).toBe('cancelled');
    // propose-work-orders.ts: the new order's state.
    expect(changed('create', { reference: 'AO-1', state: 'requested', kind: 'install' })?.status).toBe(
      'requested',
    );
    // plan-battery-round.ts and open-emergency-follow-up.ts record a new order without its state:
    // every new order starts requested (storage's insertWorkOrders).
    expect(changed('create', { kind: 'battery', origin: 'battery_round', doorId: 'door-1' })?.status).toBe(
      'requested',
    );
  });

  it('emergency.opened: emergencyId, customerId, doorId, lockId (report-emergency-opening.ts)', () => {
    expect(
      deriveWebhookEvent(
        entry({
          entity: 'emergency_opening',
          action: 'create',
          after: {
            supportCaseId: 'case-1',
            reference: 'SA-1',
            customerId: 'c1',
            doorId: 'd1',
            lockId: 'l1',
            providerId: 'p1',
            reportedAt: '2027-03-10T10:00:00.000Z',
          },
        }),
      ),
    ).toEqual({
      type: 'emergency.opened',
      data: { emergencyId: 'id-1', customerId: 'c1', doorId: 'd1', lockId: 'l1' },
    });
  });

  it('consent.answered: consentRequestId, answers [{doorId, answer}] (consent-link.ts), no names', () => {
    const event = deriveWebhookEvent(
      entry({
        entity: 'consent_request',
        action: 'answer',
        after: {
          answers: [
            { doorId: 'd1', status: 'consented' },
            { doorId: 'd2', status: 'declined' },
          ],
          name: 'Eva Ägare',
          title: 'Förvaltare',
          ownerName: 'Bostads AB',
          answeredAt: '2027-03-10T10:00:00.000Z',
        },
      }),
    );
    expect(event).toEqual({
      type: 'consent.answered',
      data: {
        consentRequestId: 'id-1',
        answers: [
          { doorId: 'd1', answer: 'consented' },
          { doorId: 'd2', answer: 'declined' },
        ],
      },
    });
  });

  it('visit.exception: visitId, providerId, code, exceptionKey (confirm-visit-exception.ts)', () => {
    expect(
      deriveWebhookEvent(
        entry({
          entity: 'visit',
          action: 'confirm',
          after: { key: 'late_arrival:v1', code: 'late_arrival', reason: 'Trafik', providerId: 'p-1' },
        }),
      ),
    ).toEqual({
      type: 'visit.exception',
      data: { visitId: 'id-1', providerId: 'p-1', code: 'late_arrival', exceptionKey: 'late_arrival:v1' },
      providerId: 'p-1',
    });
  });

  it('visit.exception without a visit: a missed planned visit is sent to the provider its entry names', () => {
    const missed = { key: 'missed_planned_visit:pv-1', code: 'missed_planned_visit', providerId: 'p-1' };
    expect(
      deriveWebhookEvent(entry({ entity: 'visit', entityId: null, action: 'confirm', after: missed })),
    ).toEqual({
      type: 'visit.exception',
      data: { visitId: null, providerId: 'p-1', code: 'missed_planned_visit', exceptionKey: missed.key },
      providerId: 'p-1',
    });
    // An entry from before providers were recorded: sent by its visit's provider, as before.
    expect(
      deriveWebhookEvent(entry({ entity: 'visit', action: 'confirm', after: { code: 'late_arrival' } })),
    ).not.toHaveProperty('providerId');
  });
});
