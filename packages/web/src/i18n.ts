// Every string the console shows, in Swedish (the default) and English. The English table is
// typed against the Swedish one, so a missing translation fails the type check, not the user.
import type {
  doorKinds,
  keyKinds,
  keyStatuses,
  lockStatuses,
  lockTypes,
  ownerships,
  providerKinds,
  roles,
  serviceKinds,
} from '@portvakt/core';
import { type Resource } from '@portvakt/core';
import { createContext, useContext } from 'react';

export type Language = 'sv' | 'en';

const sv = {
  'app.name': 'Portvakt',
  'app.tagline': 'Nyckelfri hemtjänst',
  'app.skipToContent': 'Hoppa till innehållet',
  'app.mainNavigation': 'Huvudmeny',
  'app.switchLanguage': 'English',
  'app.switchLanguageLabel': 'Switch to English',
  'app.logout': 'Logga ut',
  'app.loggedInAs': 'Inloggad som {name} ({role})',

  'nav.overview': 'Översikt',
  'nav.customers': 'Kunder',
  'nav.locks': 'Lås',
  'nav.staff': 'Personal',
  'nav.keys': 'Nycklar',
  'nav.teams': 'Team',
  'nav.audit': 'Granskningslogg',

  'login.title': 'Logga in',
  'login.intro': 'Logga in med ditt användarnamn och lösenord.',
  'login.username': 'Användarnamn',
  'login.password': 'Lösenord',
  'login.submit': 'Logga in',
  'login.submitting': 'Loggar in…',

  'common.loading': 'Hämtar…',
  'common.saving': 'Sparar…',
  'common.search': 'Sök',
  'common.searchPlaceholder': 'Namn eller personnummer',
  'common.filter': 'Filtrera',
  'common.all': 'Alla',
  'common.none': '–',
  'common.yes': 'Ja',
  'common.no': 'Nej',
  'common.cancel': 'Avbryt',
  'common.close': 'Stäng',
  'common.next': 'Nästa sida',
  'common.previous': 'Föregående sida',
  'common.page': 'Sida {page}',
  'common.sortBy': 'Sortera efter {column}',
  'common.sortedAscending': 'stigande',
  'common.sortedDescending': 'fallande',
  'common.retry': 'Försök igen',
  'common.back': 'Tillbaka',
  'common.created': 'Skapad',
  'common.updated': 'Ändrad',
  'common.status': 'Status',
  'common.name': 'Namn',
  'common.serial': 'Serienummer',
  'common.kind': 'Typ',
  'common.provider': 'Utförare',
  'common.district': 'Område',
  'common.unknownProvider': 'Annan utförare (ej synlig för dig)',
  'common.showAsTable': 'Visa uppgifterna som tabell',
  'common.changeHistory': 'Ändringshistorik i granskningsloggen',
  'common.waitsFor': 'Kommer med {feature}',
  'common.feature.activation': 'aktiveringsfunktionen (behörigheter och aktivering)',
  'common.feature.eventLog': 'händelseloggen',
  'common.noResults': 'Inget matchar sökningen.',
  'common.emptyList': 'Det finns inget här ännu.',
  'common.required': 'obligatoriskt',
  'common.showingCapped': 'Visar de första {count}; det finns fler.',

  'error.title': 'Något gick fel',
  'error.notFoundTitle': 'Sidan finns inte',
  'error.notFoundText': 'Det du letar efter finns inte, eller så har du inte behörighet att se det.',
  'error.forbiddenTitle': 'Ingen behörighet',
  'error.forbiddenText': 'Din roll får inte se den här sidan.',
  'error.toStart': 'Till startsidan',

  'overview.title': 'Översikt',
  'overview.intro': 'Läget för låsparken och nycklarna just nu.',
  'overview.locksPerDistrict': 'Installerade lås per område',
  'overview.locksPerDistrictSummary': '{count} installerade lås totalt',
  'overview.battery': 'Batterinivå i installerade lås',
  'overview.batterySummary': '{low} lås har under 25 % batteri',
  'overview.keys': 'Nycklar: aktiva och spärrade',
  'overview.keysSummary': '{active} aktiva, {blocked} spärrade',
  'overview.openings': 'Öppningar per dag',
  'overview.refusals': 'Nekade försök',
  'overview.eventLogPending':
    'Öppningar och nekade försök registreras av händelseloggen, som inte är byggd ännu. Diagrammet fylls när den finns – här visas inga påhittade siffror.',
  'overview.noDistrict': 'Utan område',
  'overview.batteryUnknown': 'Okänd',
  'overview.noLocks': 'Inga installerade lås ännu.',
  'overview.noKeys': 'Inga nycklar ännu.',
  'overview.value': 'Antal',
  'overview.category': 'Kategori',

  'customers.title': 'Kunder',
  'customers.intro': 'Sök på namn, eller på hela personnumret (ÅÅÅÅMMDD-NNNN).',
  'customers.givenName': 'Förnamn',
  'customers.familyName': 'Efternamn',
  'customers.apartment': 'Lägenhet',
  'customers.refusedLock': 'Har tackat nej till lås',
  'customers.refusedLockNote': 'Anteckning om nej till lås',
  'customers.identityNumberOnFile': 'Personnummer registrerat',
  'customers.caption': 'Kunder',
  'customers.accessPath': 'Vägen in',
  'customers.accessPathIntro': 'Dörrarna personalen passerar, i ordning, från porten till bostaden.',
  'customers.accessPathEmpty': 'Ingen väg in är registrerad för kunden.',
  'customers.door': 'Dörr',
  'customers.doorKind': 'Dörrtyp',
  'customers.lock': 'Lås',
  'customers.noLock': 'Inget lås',
  'customers.services': 'Utförare och insatser',
  'customers.servicesEmpty': 'Kunden har inga registrerade insatser.',
  'customers.service': 'Insats',
  'customers.startsOn': 'Från',
  'customers.endsOn': 'Till',
  'customers.ongoing': 'tills vidare',
  'customers.whoCanOpen': 'Vem kan öppna nu',
  'customers.whoCanOpenPending':
    'Vilka i personalen som kan öppna kundens dörrar just nu, och varför, räknas fram av aktiveringsfunktionen. Den är inte byggd ännu, så här visas ingenting förrän servern kan svara.',
  'customers.recentEvents': 'Senaste öppningar och nekade försök',
  'customers.recentEventsPending':
    'Öppningar och nekade försök visas här när händelseloggen finns. Ingenting visas förrän dess.',
  'customers.teams': 'Team som betjänar kunden',
  'customers.teamsPending':
    'Att koppla kunder till team kommer med aktiveringsfunktionen. Tills dess styrs åtkomst av utförarens insatser ovan.',

  'locks.title': 'Lås',
  'locks.intro': 'Kommunens låsenheter. Filtrera, sortera och öppna ett lås för detaljer.',
  'locks.caption': 'Lås',
  'locks.lockType': 'Låstyp',
  'locks.firmware': 'Programvara',
  'locks.battery': 'Batteri',
  'locks.door': 'Dörr',
  'locks.installedAt': 'Installerat',
  'locks.searchPlaceholder': 'Serienummer',
  'locks.property': 'Fastighet',
  'locks.address': 'Adress',
  'locks.batteryHistory': 'Batterihistorik',
  'locks.batteryHistoryPending': 'Batterihistoriken byggs upp av händelseloggen och visas när den finns.',
  'locks.blockListVersion': 'Rapporterad spärrlisteversion',
  'locks.blockListVersionPending':
    'Vilken spärrlista låset har fått rapporteras när aktiveringsfunktionen finns.',
  'locks.events': 'Händelser',
  'locks.eventsPending': 'Låsets öppningar och nekade försök visas när händelseloggen finns.',
  'locks.noDoor': 'Inte monterat på någon dörr',

  'staff.title': 'Personal',
  'staff.intro': 'Medarbetare, deras nycklar och team.',
  'staff.caption': 'Personal',
  'staff.employeeNumber': 'Anställningsnummer',
  'staff.employment': 'Anställning',
  'staff.employmentStartsOn': 'Anställd från',
  'staff.employmentEndsOn': 'Anställd till',
  'staff.pseudonym': 'Pseudonym i enheterna',
  'staff.searchPlaceholder': 'Namn eller anställningsnummer',
  'staff.keys': 'Nycklar',
  'staff.keysEmpty': 'Medarbetaren har ingen nyckel.',
  'staff.teams': 'Team',
  'staff.teamsEmpty': 'Medarbetaren är inte med i något team.',
  'staff.activation': 'Aktivering och PIN',
  'staff.activationPending':
    'Aktiveringsstatus och återställning av PIN-kod kommer med aktiveringsfunktionen. Tills dess kan en förlorad nyckel spärras här nedan.',

  'keys.title': 'Nycklar',
  'keys.intro': 'Digitala nycklar och telefoner. Spärra en nyckel som kommit bort.',
  'keys.caption': 'Nycklar',
  'keys.holder': 'Innehavare',
  'keys.noHolder': 'Ingen innehavare',
  'keys.statusReason': 'Anledning',
  'keys.searchPlaceholder': 'Serienummer',
  'keys.block': 'Spärra nyckeln',
  'keys.blockTitle': 'Spärra nyckel {serial}?',
  'keys.blockText':
    'Nyckeln markeras som spärrad och kan inte längre användas i tjänst. Ändringen loggas med din anledning. Att spärrlistan når låsen kommer med aktiveringsfunktionen.',
  'keys.blockReason': 'Anledning till spärren',
  'keys.blockReasonHint': 'Till exempel: Nyckeln borttappad under kvällspasset.',
  'keys.blockReasonMissing': 'Skriv en anledning (minst 3 tecken).',
  'keys.blockConfirm': 'Spärra',
  'keys.blocked': 'Nyckeln är spärrad.',
  'keys.alreadyBlocked': 'Nyckeln är redan spärrad.',

  'teams.title': 'Team',
  'teams.intro': 'Arbetsgrupper och vilka som är med i dem, även tillfälligt.',
  'teams.caption': 'Team',
  'teams.area': 'Område (fritext)',
  'teams.members': 'Medlemmar',
  'teams.membersEmpty': 'Teamet har inga medlemmar.',
  'teams.member': 'Medarbetare',
  'teams.validFrom': 'Gäller från',
  'teams.validUntil': 'Gäller till',
  'teams.permanent': 'tills vidare',
  'teams.membershipState': 'Läge',
  'teams.current': 'Gäller nu',
  'teams.upcoming': 'Kommande',
  'teams.ended': 'Avslutad',
  'teams.addMember': 'Lägg till medlem',
  'teams.addMemberIntro':
    'Ett tillfälligt medlemskap har ett slutdatum och upphör av sig självt. Medarbetaren får åtkomst som teamet när aktiveringsfunktionen finns.',
  'teams.chooseStaff': 'Välj medarbetare',
  'teams.isTemporary': 'Tillfälligt medlemskap med slutdatum',
  'teams.add': 'Lägg till',
  'teams.added': '{name} är tillagd i teamet.',
  'teams.endMembership': 'Avsluta',
  'teams.endMembershipTitle': 'Avsluta medlemskapet för {name}?',
  'teams.endMembershipText': 'Medlemskapet upphör nu. Ändringen loggas.',
  'teams.endMembershipConfirm': 'Avsluta nu',
  'teams.ended.notice': 'Medlemskapet är avslutat.',
  'teams.validUntilMissing': 'Ange när det tillfälliga medlemskapet slutar.',
  'teams.validUntilPast': 'Slutdatumet måste ligga i framtiden.',
  'teams.staffMissing': 'Välj en medarbetare.',
  'teams.customerAssignment': 'Kunder i teamet',
  'teams.customerAssignmentPending':
    'Att knyta kunder till team kommer med aktiveringsfunktionen. Tills dess styrs åtkomst av utförarens insatser hos kunden.',

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

export type MessageKey = keyof typeof sv;

const en: Record<MessageKey, string> = {
  'app.name': 'Portvakt',
  'app.tagline': 'Keyless home care',
  'app.skipToContent': 'Skip to content',
  'app.mainNavigation': 'Main menu',
  'app.switchLanguage': 'Svenska',
  'app.switchLanguageLabel': 'Byt till svenska',
  'app.logout': 'Log out',
  'app.loggedInAs': 'Logged in as {name} ({role})',

  'nav.overview': 'Overview',
  'nav.customers': 'Customers',
  'nav.locks': 'Locks',
  'nav.staff': 'Staff',
  'nav.keys': 'Keys',
  'nav.teams': 'Teams',
  'nav.audit': 'Audit trail',

  'login.title': 'Log in',
  'login.intro': 'Log in with your username and password.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.submitting': 'Logging in…',

  'common.loading': 'Loading…',
  'common.saving': 'Saving…',
  'common.search': 'Search',
  'common.searchPlaceholder': 'Name or identity number',
  'common.filter': 'Filter',
  'common.all': 'All',
  'common.none': '–',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.next': 'Next page',
  'common.previous': 'Previous page',
  'common.page': 'Page {page}',
  'common.sortBy': 'Sort by {column}',
  'common.sortedAscending': 'ascending',
  'common.sortedDescending': 'descending',
  'common.retry': 'Try again',
  'common.back': 'Back',
  'common.created': 'Created',
  'common.updated': 'Changed',
  'common.status': 'Status',
  'common.name': 'Name',
  'common.serial': 'Serial number',
  'common.kind': 'Kind',
  'common.provider': 'Provider',
  'common.district': 'District',
  'common.unknownProvider': 'Another provider (not visible to you)',
  'common.showAsTable': 'Show the figures as a table',
  'common.changeHistory': 'Change history in the audit trail',
  'common.waitsFor': 'Arrives with {feature}',
  'common.feature.activation': 'the activation feature (permissions and activation)',
  'common.feature.eventLog': 'the event log',
  'common.noResults': 'Nothing matches the search.',
  'common.emptyList': 'Nothing here yet.',
  'common.required': 'required',
  'common.showingCapped': 'Showing the first {count}; there are more.',

  'error.title': 'Something went wrong',
  'error.notFoundTitle': 'Page not found',
  'error.notFoundText': 'What you are looking for does not exist, or you may not see it.',
  'error.forbiddenTitle': 'Not allowed',
  'error.forbiddenText': 'Your role may not see this page.',
  'error.toStart': 'To the start page',

  'overview.title': 'Overview',
  'overview.intro': 'The state of the lock fleet and the keys right now.',
  'overview.locksPerDistrict': 'Installed locks per district',
  'overview.locksPerDistrictSummary': '{count} installed locks in all',
  'overview.battery': 'Battery level of installed locks',
  'overview.batterySummary': '{low} locks have less than 25 % battery',
  'overview.keys': 'Keys: active and blocked',
  'overview.keysSummary': '{active} active, {blocked} blocked',
  'overview.openings': 'Openings per day',
  'overview.refusals': 'Refused attempts',
  'overview.eventLogPending':
    'Openings and refused attempts are recorded by the event log, which is not built yet. The chart fills once it exists – no made-up figures are shown here.',
  'overview.noDistrict': 'No district',
  'overview.batteryUnknown': 'Unknown',
  'overview.noLocks': 'No installed locks yet.',
  'overview.noKeys': 'No keys yet.',
  'overview.value': 'Count',
  'overview.category': 'Category',

  'customers.title': 'Customers',
  'customers.intro': 'Search by name, or by the full identity number (YYYYMMDD-NNNN).',
  'customers.givenName': 'Given name',
  'customers.familyName': 'Family name',
  'customers.apartment': 'Apartment',
  'customers.refusedLock': 'Has refused a lock',
  'customers.refusedLockNote': 'Note on refusing a lock',
  'customers.identityNumberOnFile': 'Identity number on file',
  'customers.caption': 'Customers',
  'customers.accessPath': 'Way in',
  'customers.accessPathIntro': 'The doors staff pass, in order, from the entrance to the home.',
  'customers.accessPathEmpty': 'No way in is registered for the customer.',
  'customers.door': 'Door',
  'customers.doorKind': 'Door kind',
  'customers.lock': 'Lock',
  'customers.noLock': 'No lock',
  'customers.services': 'Providers and services',
  'customers.servicesEmpty': 'The customer has no registered services.',
  'customers.service': 'Service',
  'customers.startsOn': 'From',
  'customers.endsOn': 'Until',
  'customers.ongoing': 'until further notice',
  'customers.whoCanOpen': 'Who can open now',
  'customers.whoCanOpenPending':
    'Which staff can open the customer’s doors right now, and why, is worked out by the activation feature. It is not built yet, so nothing is shown here until the server can answer.',
  'customers.recentEvents': 'Recent openings and refused attempts',
  'customers.recentEventsPending':
    'Openings and refused attempts appear here once the event log exists. Nothing is shown until then.',
  'customers.teams': 'Teams serving the customer',
  'customers.teamsPending':
    'Assigning customers to teams arrives with the activation feature. Until then access follows the provider services above.',

  'locks.title': 'Locks',
  'locks.intro': 'The municipality’s lock devices. Filter, sort and open a lock for details.',
  'locks.caption': 'Locks',
  'locks.lockType': 'Lock type',
  'locks.firmware': 'Firmware',
  'locks.battery': 'Battery',
  'locks.door': 'Door',
  'locks.installedAt': 'Installed',
  'locks.searchPlaceholder': 'Serial number',
  'locks.property': 'Property',
  'locks.address': 'Address',
  'locks.batteryHistory': 'Battery history',
  'locks.batteryHistoryPending': 'Battery history is built from the event log and appears once it exists.',
  'locks.blockListVersion': 'Block-list version reported',
  'locks.blockListVersionPending':
    'Which block list the lock holds is reported once the activation feature exists.',
  'locks.events': 'Events',
  'locks.eventsPending': 'The lock’s openings and refused attempts appear once the event log exists.',
  'locks.noDoor': 'Not mounted on a door',

  'staff.title': 'Staff',
  'staff.intro': 'Staff members, their keys and teams.',
  'staff.caption': 'Staff',
  'staff.employeeNumber': 'Employee number',
  'staff.employment': 'Employment',
  'staff.employmentStartsOn': 'Employed from',
  'staff.employmentEndsOn': 'Employed until',
  'staff.pseudonym': 'Pseudonym on devices',
  'staff.searchPlaceholder': 'Name or employee number',
  'staff.keys': 'Keys',
  'staff.keysEmpty': 'The staff member holds no key.',
  'staff.teams': 'Teams',
  'staff.teamsEmpty': 'The staff member is in no team.',
  'staff.activation': 'Activation and PIN',
  'staff.activationPending':
    'Activation state and PIN reset arrive with the activation feature. Until then a lost key can be blocked below.',

  'keys.title': 'Keys',
  'keys.intro': 'Digital keys and phones. Block a key that has been lost.',
  'keys.caption': 'Keys',
  'keys.holder': 'Holder',
  'keys.noHolder': 'No holder',
  'keys.statusReason': 'Reason',
  'keys.searchPlaceholder': 'Serial number',
  'keys.block': 'Block the key',
  'keys.blockTitle': 'Block key {serial}?',
  'keys.blockText':
    'The key is marked as blocked and can no longer be used on duty. The change is logged with your reason. Delivering the block list to the locks arrives with the activation feature.',
  'keys.blockReason': 'Reason for blocking',
  'keys.blockReasonHint': 'For example: Key lost during the evening shift.',
  'keys.blockReasonMissing': 'Give a reason (at least 3 characters).',
  'keys.blockConfirm': 'Block',
  'keys.blocked': 'The key is blocked.',
  'keys.alreadyBlocked': 'The key is already blocked.',

  'teams.title': 'Teams',
  'teams.intro': 'Teams and who is in them, also temporarily.',
  'teams.caption': 'Teams',
  'teams.area': 'Area (free text)',
  'teams.members': 'Members',
  'teams.membersEmpty': 'The team has no members.',
  'teams.member': 'Staff member',
  'teams.validFrom': 'Valid from',
  'teams.validUntil': 'Valid until',
  'teams.permanent': 'until further notice',
  'teams.membershipState': 'State',
  'teams.current': 'Current',
  'teams.upcoming': 'Upcoming',
  'teams.ended': 'Ended',
  'teams.addMember': 'Add a member',
  'teams.addMemberIntro':
    'A temporary membership has an end time and ends by itself. The staff member gets the team’s access once the activation feature exists.',
  'teams.chooseStaff': 'Choose a staff member',
  'teams.isTemporary': 'Temporary membership with an end time',
  'teams.add': 'Add',
  'teams.added': '{name} has been added to the team.',
  'teams.endMembership': 'End',
  'teams.endMembershipTitle': 'End the membership of {name}?',
  'teams.endMembershipText': 'The membership ends now. The change is logged.',
  'teams.endMembershipConfirm': 'End now',
  'teams.ended.notice': 'The membership has ended.',
  'teams.validUntilMissing': 'Give the time the temporary membership ends.',
  'teams.validUntilPast': 'The end time must be in the future.',
  'teams.staffMissing': 'Choose a staff member.',
  'teams.customerAssignment': 'Customers of the team',
  'teams.customerAssignmentPending':
    'Assigning customers to teams arrives with the activation feature. Until then access follows the provider’s services for the customer.',

  'audit.title': 'Audit trail',
  'audit.intro': 'Every change, login and failed login, newest first.',
  'audit.caption': 'Audit trail',
  'audit.occurredAt': 'Time',
  'audit.actor': 'Who',
  'audit.action': 'What',
  'audit.entity': 'Object',
  'audit.entityId': 'Object id',
  'audit.from': 'From',
  'audit.to': 'Until',
  'audit.changes': 'Changes',
  'audit.showChanges': 'Show changes',
  'audit.field': 'Field',
  'audit.before': 'Before',
  'audit.after': 'After',
  'audit.noChanges': 'No field changes.',
  'audit.clearEntityFilter': 'Show all objects',
  'audit.filteredToEntity': 'Showing entries for one object only.',
};

type Labels<T extends readonly string[]> = Record<T[number], string>;

interface EnumLabels {
  role: Labels<typeof roles>;
  doorKind: Labels<typeof doorKinds>;
  lockType: Labels<typeof lockTypes>;
  lockStatus: Labels<typeof lockStatuses>;
  keyKind: Labels<typeof keyKinds>;
  keyStatus: Labels<typeof keyStatuses>;
  providerKind: Labels<typeof providerKinds>;
  ownership: Labels<typeof ownerships>;
  serviceKind: Labels<typeof serviceKinds>;
  auditEntity: Record<Resource | 'user_session', string>;
  auditAction: Record<(typeof auditActions)[number], string>;
}

/** The actions the server writes to the audit trail today. */
export const auditActions = [
  'create',
  'update',
  'delete',
  'login',
  'login_failed',
  'logout',
  'change_password',
  'reset_password',
] as const;
export type EnumName = keyof EnumLabels;

const enumLabels: Record<Language, EnumLabels> = {
  sv: {
    role: {
      municipality_admin: 'Kommunadministratör',
      lock_manager: 'Låsansvarig',
      installer: 'Montör',
      work_lead: 'Arbetsledare',
      staff: 'Medarbetare',
      support: 'Support',
      auditor: 'Granskare',
      property_owner: 'Fastighetsägare',
    },
    doorKind: {
      apartment_door: 'Lägenhetsdörr',
      entrance: 'Port',
      key_safe: 'Nyckelgömma',
      key_tube: 'Nyckelfacksrör',
      laundry_room: 'Tvättstuga',
      waste_room: 'Soprum',
      medicine_cabinet: 'Medicinskåp',
      electrical_room: 'Elrum',
    },
    lockType: {
      cylinder_ring: 'Cylinderring',
      inside_unit: 'Inbyggd låsenhet',
      key_safe: 'Nyckelgömma',
      key_tube: 'Nyckelfacksrör',
    },
    lockStatus: { in_stock: 'I lager', installed: 'Installerat', faulty: 'Trasigt', removed: 'Nedmonterat' },
    keyKind: { hardware_key: 'Nyckel', phone: 'Telefon' },
    keyStatus: { active: 'Aktiv', blocked: 'Spärrad', lost: 'Borttappad', retired: 'Avvecklad' },
    providerKind: {
      day_home_care: 'Hemtjänst dag',
      night_patrol: 'Nattpatrull',
      alarm_patrol: 'Larmpatrull',
      home_health_care: 'Hemsjukvård',
    },
    ownership: { municipal: 'Kommunal', private: 'Privat' },
    serviceKind: { home_care: 'Hemtjänst', safety_alarm: 'Trygghetslarm', home_health_care: 'Hemsjukvård' },
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
    },
  },
  en: {
    role: {
      municipality_admin: 'Municipality admin',
      lock_manager: 'Lock manager',
      installer: 'Installer',
      work_lead: 'Work lead',
      staff: 'Staff member',
      support: 'Support',
      auditor: 'Auditor',
      property_owner: 'Property owner',
    },
    doorKind: {
      apartment_door: 'Apartment door',
      entrance: 'Entrance',
      key_safe: 'Key safe',
      key_tube: 'Key tube',
      laundry_room: 'Laundry room',
      waste_room: 'Waste room',
      medicine_cabinet: 'Medicine cabinet',
      electrical_room: 'Electrical room',
    },
    lockType: {
      cylinder_ring: 'Cylinder ring',
      inside_unit: 'Inside unit',
      key_safe: 'Key safe',
      key_tube: 'Key tube',
    },
    lockStatus: { in_stock: 'In stock', installed: 'Installed', faulty: 'Faulty', removed: 'Removed' },
    keyKind: { hardware_key: 'Key', phone: 'Phone' },
    keyStatus: { active: 'Active', blocked: 'Blocked', lost: 'Lost', retired: 'Retired' },
    providerKind: {
      day_home_care: 'Day home care',
      night_patrol: 'Night patrol',
      alarm_patrol: 'Alarm patrol',
      home_health_care: 'Home health care',
    },
    ownership: { municipal: 'Municipal', private: 'Private' },
    serviceKind: {
      home_care: 'Home care',
      safety_alarm: 'Safety alarm',
      home_health_care: 'Home health care',
    },
    auditEntity: {
      municipality: 'Municipality',
      district: 'District',
      property_owner: 'Property owner',
      property: 'Property',
      door: 'Door',
      team_customer: 'Team customers',
      area_rule: 'Area rule',
      access_grant: 'Individual grant',
      shared_door_grant: 'Shared-door grant',
      permission_check: 'Permission check',
      device_enrolment: 'Enrolled device',
      issuer_key: 'Issuer key',
      block_list: 'Block list',
      customer: 'Customer',
      customer_service: 'Service',
      access_path: 'Way in',
      provider: 'Provider',
      team: 'Team',
      team_membership: 'Team membership',
      staff_member: 'Staff member',
      lock_device: 'Lock',
      digital_key: 'Key',
      user_account: 'User account',
      api_token: 'API token',
      audit_entry: 'Audit entry',
      device_event: 'Lock event',
      event_finding: 'Event-log finding',
      event_report: 'Event report',
      event_read_log: 'Event-log read',
      legal_hold: 'Legal hold',
      user_session: 'Login',
    },
    auditAction: {
      create: 'Created',
      update: 'Changed',
      delete: 'Deleted',
      login: 'Logged in',
      login_failed: 'Failed login',
      logout: 'Logged out',
      change_password: 'Changed password',
      reset_password: 'Reset password',
    },
  },
};

/** API error codes in plain language; anything unlisted falls back to the server's own message. */
const errorMessages: Record<Language, Record<string, string>> = {
  sv: {
    invalid_credentials: 'Fel användarnamn eller lösenord.',
    too_many_attempts: 'För många misslyckade inloggningar. Vänta en stund och försök igen.',
    unauthenticated: 'Du behöver logga in.',
    session_expired: 'Du har varit utloggad en stund. Logga in igen.',
    csrf_failed: 'Sidan behöver laddas om. Ladda om och försök igen.',
    forbidden: 'Din roll får inte göra detta.',
    not_found: 'Det finns inte, eller så får du inte se det.',
    route_not_found: 'Det finns inte.',
    validation_failed: 'Några uppgifter saknas eller har fel format.',
    already_exists: 'Det finns redan något med samma uppgifter.',
    still_referenced: 'Det går inte att ta bort eftersom annat fortfarande hänvisar till det.',
    unknown_reference: 'Något som ändringen hänvisar till finns inte.',
    rule_violation: 'Ändringen bryter mot en regel. Kontrollera datum och kopplingar.',
    invalid_value: 'Ett värde har fel format.',
    provider_mismatch: 'Medarbetaren hör till en annan utförare.',
    employment_ended: 'Medarbetaren är inte längre anställd.',
    door_required: 'Ett installerat lås måste sitta på en dörr.',
    lock_type_mismatch: 'Låstypen passar inte dörren.',
    ends_before_start: 'Slutdatumet ligger före startdatumet.',
    customer_refused_lock: 'Kunden har tackat nej till lås.',
    invalid_cursor: 'Sidan gick inte att hämta. Börja om från första sidan.',
    invalid_identity_number: 'Personnumret är inte giltigt.',
    internal_error: 'Något gick fel hos oss. Försök igen om en stund.',
    network_error: 'Det gick inte att nå servern. Kontrollera anslutningen och försök igen.',
  },
  en: {
    invalid_credentials: 'Wrong username or password.',
    too_many_attempts: 'Too many failed logins. Wait a while and try again.',
    unauthenticated: 'You need to log in.',
    session_expired: 'You have been logged out. Log in again.',
    csrf_failed: 'The page needs reloading. Reload and try again.',
    forbidden: 'Your role may not do this.',
    not_found: 'It does not exist, or you may not see it.',
    route_not_found: 'It does not exist.',
    validation_failed: 'Some details are missing or in the wrong format.',
    already_exists: 'Something with the same details already exists.',
    still_referenced: 'It cannot be deleted while other records refer to it.',
    unknown_reference: 'Something the change refers to does not exist.',
    rule_violation: 'The change breaks a rule. Check dates and links.',
    invalid_value: 'A value has the wrong format.',
    provider_mismatch: 'The staff member belongs to another provider.',
    employment_ended: 'The staff member no longer works here.',
    door_required: 'An installed lock must be on a door.',
    lock_type_mismatch: 'The lock type does not fit the door.',
    ends_before_start: 'The end date is before the start date.',
    customer_refused_lock: 'The customer has refused a lock.',
    invalid_cursor: 'The page could not be loaded. Start again from the first page.',
    invalid_identity_number: 'The identity number is not valid.',
    internal_error: 'Something went wrong on our side. Try again in a while.',
    network_error: 'The server could not be reached. Check the connection and try again.',
  },
};

const dictionaries: Record<Language, Record<MessageKey, string>> = { sv, en };

export interface Translator {
  language: Language;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  label: (name: EnumName, value: string | null | undefined) => string;
  describeError: (code: string | undefined, fallback: string) => string;
  formatDateTime: (value: string | null | undefined) => string;
  formatDate: (value: string | null | undefined) => string;
  formatNumber: (value: number) => string;
}

const locales: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

/** Builds the translator for one language; pure, so it is easy to use outside React too. */
export function createTranslator(language: Language): Translator {
  const dictionary = dictionaries[language];
  const locale = locales[language];
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const number = new Intl.NumberFormat(locale);
  return {
    language,
    t(key, params) {
      const text = dictionary[key];
      if (!params) return text;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
      );
    },
    label(name, value) {
      if (value === null || value === undefined) return dictionary['common.none'];
      return (enumLabels[language][name] as Record<string, string>)[value] ?? value;
    },
    describeError(code, fallback) {
      return (code && errorMessages[language][code]) || fallback;
    },
    formatDateTime(value) {
      if (!value) return dictionary['common.none'];
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : dateTime.format(date);
    },
    formatDate(value) {
      // Calendar dates (YYYY-MM-DD) are shown as written: converting them through Date would
      // shift them a day in time zones west of UTC.
      return value ?? dictionary['common.none'];
    },
    formatNumber(value) {
      return number.format(value);
    },
  };
}

/** Reads the saved language, Swedish unless the user chose English before. */
export function readSavedLanguage(): Language {
  try {
    return localStorage.getItem('portvakt.language') === 'en' ? 'en' : 'sv';
  } catch {
    return 'sv';
  }
}

export function saveLanguage(language: Language): void {
  try {
    localStorage.setItem('portvakt.language', language);
  } catch {
    // Private browsing may forbid storage; the choice then lasts for this page only.
  }
  document.documentElement.lang = language;
}

export const TranslatorContext = createContext<Translator>(createTranslator('sv'));

export function useTranslator(): Translator {
  return useContext(TranslatorContext);
}
