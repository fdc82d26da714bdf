// Swedish texts: support cases and support hours (docs/support.md). The English table
// (support.en.ts) is typed against this one, so a missing translation fails `tsc`.
import type {
  SupportCaseCategory,
  SupportCaseNoteKind,
  SupportCasePriority,
  SupportCaseStatus,
} from '@portvakt/core';

export const supportSv = {
  'nav.support': 'Support',
  'support.title': 'Support',
  'support.intro':
    'Supportärenden: fel på lås och nycklar, när någon inte kommer in, batterier och frågor från fastighetsägare. Du ser de ärenden din roll får se.',
  'support.raise': 'Nytt ärende',
  'support.raiseTitle': 'Nytt supportärende',
  'support.raised': 'Ärendet {reference} är registrerat.',
  'support.category': 'Kategori',
  'support.priority': 'Prioritet',
  'support.status': 'Status',
  'support.assignee': 'Handläggare',
  'support.caseTitle': 'Rubrik',
  'support.description': 'Beskrivning',
  'support.descriptionHint': 'Vad hände, var och när? Skriv inte personnummer eller vårdinformation.',
  'support.reference': 'Ärende',
  'support.raisedBy': 'Anmält av',
  'support.created': 'Registrerat',
  'support.updated': 'Senast ändrat',
  'support.resolved': 'Löst',
  'support.mine': 'Bara mina ärenden',
  'support.assignedToMe': 'Tilldelade mig',
  'support.unassigned': 'Ej tilldelat',
  'support.emergencyOnly': 'Bara nödöppningar',
  'support.emergency': 'Nödöppning',
  'support.none': 'Inga ärenden.',
  'support.count': 'Antal ärenden: {count}',
  'support.more': 'Visa fler',
  'support.noOne': 'Ingen',
  'support.about': 'Gäller',
  'support.lock': 'Lås',
  'support.key': 'Nyckel',
  'support.door': 'Dörr',
  'support.customer': 'Kund',
  'support.notChosen': 'Inget valt',
  'support.change': 'Ändra ärendet',
  'support.save': 'Spara ändringen',
  'support.saved': 'Ändringen är sparad.',
  'support.timeline': 'Händelser',
  'support.timelineCaption': 'Anteckningar och ändringar i ärendet, äldst först',
  'support.when': 'När',
  'support.who': 'Vem',
  'support.what': 'Vad',
  'support.note': 'Ny anteckning',
  'support.addNote': 'Lägg till anteckning',
  'support.noteAdded': 'Anteckningen är sparad.',
  'support.entryRaised': 'Ärendet registrerades',
  'support.entryStatus': 'Status: {from} → {to}',
  'support.entryPriority': 'Prioritet: {from} → {to}',
  'support.entryAssigned': 'Tilldelat {to}',
  'support.entryUnassigned': 'Ej längre tilldelat {from}',
  'support.open': 'Supporten har öppet nu ({days} {from}–{until}).',
  'support.closed': 'Supporten är stängd just nu.',
  'support.closedHoliday': 'Supporten är stängd i dag ({holiday}).',
  'support.hours': 'Öppettider: {days} {from}–{until}, utom helgdagar.',
  'support.opensAt': 'Supporten öppnar igen {when}.',
  'support.onlyEmergency':
    'Till dess kan bara nödöppning begäras – om personal står utanför en dörr och inte kommer in.',
  'support.requestEmergency': 'Begär nödöppning',
  'support.closedCannotRaise': 'Nya ärenden kan registreras när supporten har öppet.',
  'support.weekdays': 'måndag–fredag',
  'support.weekdayList': 'dagar {list}',
} as const;

type SupportLabels = {
  supportCaseStatus: Record<SupportCaseStatus, string>;
  supportCasePriority: Record<SupportCasePriority, string>;
  supportCaseCategory: Record<SupportCaseCategory, string>;
  supportCaseNoteKind: Record<SupportCaseNoteKind, string>;
};
export type { SupportLabels };

export const supportLabelsSv: SupportLabels = {
  supportCaseStatus: {
    open: 'Öppet',
    in_progress: 'Pågår',
    waiting: 'Väntar',
    resolved: 'Löst',
    closed: 'Stängt',
  },
  supportCasePriority: { low: 'Låg', normal: 'Normal', high: 'Hög', urgent: 'Brådskande' },
  supportCaseCategory: {
    lock_fault: 'Fel på lås',
    key_fault: 'Fel på nyckel',
    cannot_get_in: 'Kommer inte in',
    battery: 'Batteri',
    property_owner_question: 'Fråga från fastighetsägare',
    other: 'Annat',
  },
  supportCaseNoteKind: {
    note: 'Anteckning',
    status: 'Status',
    priority: 'Prioritet',
    assignee: 'Handläggare',
    link: 'Koppling',
  },
};
