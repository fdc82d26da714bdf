// Who acted through a single-use link, in the audit trail over real HTTP on real PostgreSQL at a
// fixed instant (docs/api.md "Audit trail"): the person who answers a property owner's consent
// link and the relative who makes their account through an invitation are recorded by name, and
// GET /api/v1/audit answers them as `consent_link` / `relative_invitation` with whose link it was
// (`actorVia`), for the console to word. Entries recorded before under English sentences ("…
// (consent link of …)", "… (relative invitation by …)") stay as recorded (the trail is
// append-only and hash-chained) and are answered as the same actors.
import { retentionJobLabel } from '@portvakt/contract';
import { appendAudit } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConsentLink, startMailReceiver, type MailReceiver } from '../platform/mail.testing';
import { ApiClient } from '../platform/testing';
import { startTestWorld, type TestWorld } from '../platform/world.testing';
import { createRelative } from '../relatives/relatives.testing';
import { sendTestConsentRequest } from '../consents/consent-request.testing';

const now = new Date('2027-03-10T09:00:00Z');
let mail: MailReceiver;
let t: TestWorld;
let ownerName: string;
let requestId: string;
let relativeUserId: string;
let inviterName: string;

/** The actor fields of the trail's entries of `entity` and `action`, newest first. */
async function readActors(entity: string, action: string) {
  const trail = await t.admin.get(`/api/v1/audit?entity=${entity}&action=${action}`);
  expect(trail.status).toBe(200);
  return trail.body.items.map(({ actorKind, actorLabel, actorVia }: Record<string, string | null>) => ({
    actorKind,
    actorLabel,
    actorVia,
  }));
}

beforeAll(async () => {
  mail = await startMailReceiver();
  t = await startTestWorld({ now: () => now, mailer: mail.mailer });
  const { world, admin } = t;
  ownerName = (await admin.get(`/api/v1/property-owners/${world.propertyOwner.a}`)).body.name;
  requestId = (await sendTestConsentRequest(admin, world)).request.id;
  const { token } = readConsentLink(await mail.waitForMessage(1));
  const answered = await new ApiClient(t.server.url).post(`/api/v1/consent-links/${token}`, {
    name: 'Eva Ek',
    title: 'Förvaltare',
    answers: [{ doorId: world.door.a, answer: 'consented' }],
  });
  expect(answered.status, JSON.stringify(answered.body)).toBe(200);

  const lead = await t.login('work_lead', { providerId: world.provider.a });
  const relative = await createRelative(t.server.url, lead, world.customer.a, 'lena.berg');
  // The invitation names the work lead as the console showed them when inviting.
  const invitation = await t.server.db.pool.query(
    'SELECT invited_by FROM relative_invitation WHERE id = $1',
    [relative.invitationId],
  );
  inviterName = invitation.rows[0].invited_by;
  expect(inviterName).toBeTruthy();
  relativeUserId = (await relative.client.get('/api/v1/auth/me')).body.id;
}, 120_000);
afterAll(async () => {
  await t?.server.close();
  await mail?.close();
});

describe('link holders in the audit trail', () => {
  it('records the consent link’s answerer by name and answers the owner whose link it was', async () => {
    const { rows } = await t.server.db.pool.query(
      `SELECT actor_label AS "actorLabel" FROM audit_entry WHERE action = 'answer' AND entity_id = $1`,
      [requestId],
    );
    expect(rows).toEqual([{ actorLabel: 'Eva Ek, Förvaltare' }]);
    expect(await readActors('consent_request', 'answer')).toEqual([
      { actorKind: 'consent_link', actorLabel: 'Eva Ek, Förvaltare', actorVia: ownerName },
    ]);
  });

  it('records the relative by name and answers who invited them', async () => {
    const { rows } = await t.server.db.pool.query(
      `SELECT actor_label AS "actorLabel" FROM audit_entry WHERE action = 'create' AND entity_id = $1`,
      [relativeUserId],
    );
    expect(rows).toEqual([{ actorLabel: 'Lena Berg' }]);
    const created = await readActors('user_account', 'create');
    expect(created[0]).toEqual({
      actorKind: 'relative_invitation',
      actorLabel: 'Lena Berg',
      actorVia: inviterName,
    });
    // Accounts made by a person stay that person's entries.
    expect(created.slice(1).map((entry: { actorKind: string }) => entry.actorKind)).not.toContain(
      'relative_invitation',
    );
  });

  it('answers entries recorded under the old English sentences as the same actors', async () => {
    await appendAudit(t.server.db.pool, {
      municipalityId: t.municipalityId,
      actorLabel: `Eva Ek, Förvaltare (consent link of ${ownerName})`,
      action: 'answer',
      entity: 'consent_request',
      entityId: requestId,
    });
    await appendAudit(t.server.db.pool, {
      municipalityId: t.municipalityId,
      actorUserId: relativeUserId,
      actorLabel: 'Lena Berg (relative invitation by Anna Ledare)',
      actorRole: 'relative',
      action: 'create',
      entity: 'user_account',
      entityId: relativeUserId,
    });
    expect((await readActors('consent_request', 'answer'))[0]).toEqual({
      actorKind: 'consent_link',
      actorLabel: 'Eva Ek, Förvaltare',
      actorVia: ownerName,
    });
    expect((await readActors('user_account', 'create'))[0]).toEqual({
      actorKind: 'relative_invitation',
      actorLabel: 'Lena Berg',
      actorVia: 'Anna Ledare',
    });
  });

  it('answers a job and a person as actors, their labels as recorded', async () => {
    await appendAudit(t.server.db.pool, {
      municipalityId: t.municipalityId,
      actorLabel: retentionJobLabel,
      action: 'update',
      entity: 'consent_request',
      entityId: requestId,
    });
    expect((await readActors('consent_request', 'update'))[0]).toEqual({
      actorKind: 'actor',
      actorLabel: 'system:retention',
      actorVia: null,
    });
    const contacts = await readActors('property_owner_contact', 'create');
    expect(contacts[0]).toMatchObject({ actorKind: 'actor', actorVia: null });
  });
});
