// Swedish texts: the audit trail. The English table (audit.en.ts)
// is typed against this one, so a missing translation fails `tsc`.
import type { AuditAction } from '@portvakt/contract';
import type { Resource } from '@portvakt/core';

export const auditSv = {
  'audit.title': 'Granskningslogg',
  'audit.intro': 'Varje ändring, inloggning och nekad inloggning, nyast först.',
  'audit.caption': 'Granskningslogg',
  'audit.occurredAt': 'Tid',
  'audit.actor': 'Vem',
  'audit.action': 'Vad',
  'audit.entity': 'Objekt',
  'audit.entityId': 'Objekt-id',
  'audit.from': 'Från och med',
  'audit.to': 'Till och med',
  'audit.changes': 'Ändringar',
  'audit.showChanges': 'Visa ändringar',
  'audit.field': 'Fält',
  'audit.before': 'Före',
  'audit.after': 'Efter',
  'audit.noChanges': 'Inga fältändringar.',
  'audit.clearEntityFilter': 'Visa alla objekt',
  'audit.filteredToEntity': 'Visar bara poster för ett objekt.',
} as const;

/** Labels of the enumerations this capability shows. */
export interface AuditLabels {
  auditEntity: Record<Resource | 'user_session', string>;
  /** Every action the server writes (the contract's list), so a new action needs a label. */
  auditAction: Record<AuditAction, string>;
}

export const auditLabelsSv: AuditLabels = {
  auditEntity: {
    municipality: 'Kommun',
    district: 'Område',
    property_owner: 'Fastighetsägare',
    property: 'Fastighet',
    door: 'Dörr',
    customer: 'Kund',
    customer_service: 'Insats',
    access_path: 'Väg in',
    provider: 'Utförare',
    team: 'Team',
    team_membership: 'Teammedlemskap',
    team_customer: 'Teamets kunder',
    area_rule: 'Områdesregel',
    access_grant: 'Individuell behörighet',
    shared_door_grant: 'Behörighet gemensam dörr',
    permission_check: 'Behörighetskontroll',
    device_enrolment: 'Registrerad enhet',
    issuer_key: 'Utfärdarnyckel',
    block_list: 'Spärrlista',
    staff_member: 'Medarbetare',
    lock_device: 'Lås',
    digital_key: 'Nyckel',
    user_account: 'Användarkonto',
    api_token: 'API-nyckel',
    audit_entry: 'Granskningspost',
    device_event: 'Låshändelse',
    event_finding: 'Loggavvikelse',
    event_report: 'Händelserapport',
    event_read_log: 'Läsning av händelselogg',
    legal_hold: 'Bevarandebeslut',
    visit: 'Besök',
    work_shift: 'Arbetspass',
    planned_visit: 'Planerat besök',
    granted_time: 'Beviljad tid',
    user_session: 'Inloggning',
  },
  auditAction: {
    create: 'Skapade',
    update: 'Ändrade',
    delete: 'Tog bort',
    login: 'Loggade in',
    login_failed: 'Misslyckad inloggning',
    logout: 'Loggade ut',
    change_password: 'Bytte lösenord',
    reset_password: 'Återställde lösenord',
    block: 'Spärrade',
    pin_reset: 'Återställde PIN-kod',
    enrol: 'Registrerade enhet',
    re_enrol: 'Registrerade om enhet',
    revoke: 'Återkallade',
    rotate: 'Bytte nyckel',
    seed: 'Skapade demodata',
    dismount: 'Monterade ned',
    activate: 'Aktiverade nyckel',
    activation_refused: 'Nekad aktivering',
    set_pin: 'Valde PIN-kod',
    set_pin_refused: 'Nekat PIN-byte',
    phone_login: 'Loggade in med telefon',
    release: 'Hävde bevarandebeslut',
    correct: 'Rättade',
    decline: 'Registrerade avböjt besök',
    import: 'Läste in',
  },
};
