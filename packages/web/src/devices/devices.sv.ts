// Swedish texts: keys, PIN reset, replacement keys, the block list, dismounting. The English table (devices.en.ts)
// is typed against this one, so a missing translation fails `tsc`.
import type { keyKinds, keyStatuses } from '@portvakt/core';
import type { Labels } from '../shared/labels';

export const devicesSv = {
  'locks.dismount': 'Montera ned',
  'locks.dismountTitle': 'Montera ned lås {serial}',
  'locks.dismountText': 'Låset tas bort från dörren. Ingen kan längre öppna dörren med det.',
  'locks.dismountStatus': 'Låsets status efteråt',
  'locks.dismountConfirm': 'Montera ned',
  'locks.dismountForce': 'Montera ned ändå',
  'locks.dismountLosesAccess':
    'Dörren {door}, {address}, är på vägen in till {count} kunder med pågående insats. Personalen förlorar sin väg in:',
  'locks.dismountLosesAccessOne':
    'Dörren {door}, {address}, är på vägen in till en kund med pågående insats. Personalen förlorar sin väg in:',
  'locks.dismountCustomers': 'Kunder som förlorar åtkomst',
  'locks.dismountNamesHidden': 'Kundernas namn visas inte för din roll.',
  'locks.dismountReason': 'Varför monteras låset ned ändå?',
  'locks.dismountReasonMissing':
    'Skriv varför låset monteras ned ändå (minst 3 tecken); det sparas i loggen.',

  'keys.title': 'Nycklar',
  'keys.intro': 'Digitala nycklar och telefoner. Spärra en nyckel som kommit bort.',
  'keys.caption': 'Nycklar',
  'keys.holder': 'Innehavare',
  'keys.noHolder': 'Ingen innehavare',
  'keys.holderHidden': 'Anställd (namnet visas inte för din roll)',
  'keys.statusReason': 'Anledning',
  'keys.reason.employmentEnded': 'Anställningen har upphört',
  'keys.searchPlaceholder': 'Serienummer',
  'keys.block': 'Spärra nyckeln',
  'keys.blockTitle': 'Spärra nyckel {serial}?',
  'keys.blockText':
    'Nyckeln spärras och läggs på spärrlistan, som låsen får vid nästa synk. En spärrad nyckel kan inte aktiveras igen. Ändringen loggas med din anledning.',
  'keys.blockReason': 'Anledning till spärren',
  'keys.blockReasonHint': 'Till exempel: Nyckeln borttappad under kvällspasset.',
  'keys.blockReasonMissing': 'Skriv en anledning (minst 3 tecken).',
  'keys.blockStatus': 'Nyckelns status efteråt',
  'keys.blockStatusHint': 'Borttappad om ingen vet var nyckeln är. Båda spärrar nyckeln.',
  'keys.blockConfirm': 'Spärra',
  'keys.phoneLost': 'Telefonen borttappad',
  'keys.phoneLostTitle': 'Spärra borttappad telefon {serial}?',
  'keys.phoneLostText':
    'Telefonens nyckel spärras nu. Appen raderar nyckeln och behörigheten nästa gång den har kontakt, och låsen nekar den när de fått spärrlistan.',
  'keys.phoneLostReason': 'Telefonen anmäld borttappad',
  'keys.blocked': 'Nyckeln är spärrad.',
  'keys.markedLost': 'Nyckeln är anmäld borttappad och spärrad.',
  'keys.alreadyBlocked': 'Nyckeln är redan spärrad.',
  'keys.pinReset': 'Återställ PIN-kod',
  'keys.pinResetTitle': 'Återställa PIN-koden för nyckel {serial}?',
  'keys.pinResetText':
    'En engångskod skapas och visas en enda gång. Medarbetaren använder den vid aktiveringsdosan för att välja en ny PIN-kod. Ändringen loggas.',
  'keys.pinResetConfirm': 'Skapa engångskod',
  'keys.pinResetCodeTitle': 'Engångskod för ny PIN-kod',
  'keys.pinResetCodeLabel': 'Engångskod',
  'keys.pinResetInstructions':
    'Lämna koden personligen till medarbetaren; den gäller i 72 timmar och används vid aktiveringsdosan.',
  'keys.pinResetExpires': 'Koden gäller till {at}.',
  'keys.pinResetOnce':
    'Koden visas bara nu. Den sparas inte i klartext och kan inte visas igen – skapa en ny om den kommer bort.',
  'keys.pinResetDone': 'Jag har noterat koden',
  'keys.pinResetPhone': 'Telefoner använder medarbetarens inloggning och har ingen PIN-kod att återställa.',
  'keys.activation': 'Aktivering',
  'keys.activatedNow': 'Aktiverad nu',
  'keys.notActivated': 'Inte aktiverad',
  'keys.lastActivation': 'Senaste aktivering',
  'keys.ticketExpires': 'Behörigheterna gäller offline till',
  'keys.enrolled': 'Registrerad i systemet',
  'keys.notEnrolled': 'Inte registrerad – nyckeln kan inte aktiveras än',
  'keys.pin': 'PIN-kod',
  'keys.pinSet': 'Satt',
  'keys.pinNotSet': 'Inte satt – återställ PIN-koden',
  'keys.pinLocked': 'Låst efter för många fel – återställ PIN-koden',
  'keys.never': 'Aldrig',
  'keys.onBlockList': 'På spärrlistan',
  'keys.onBlockListText':
    'Nyckeln står på spärrlistan. Låsen får listan vid nästa synk och vägrar sedan nyckeln. En spärrad nyckel kan inte aktiveras igen; lämna ut en ny nyckel i stället.',
  'keys.onBlockListVersion': 'Tillagd i spärrlisteversion {version} ({at}).',
  'keys.blockListBehind': '{count} installerade lås har ännu inte rapporterat den versionen.',
  'keys.blockListAllCurrent': 'Alla installerade lås har rapporterat den versionen.',
  'keys.notOnBlockListYet': 'Nyckeln syns inte på spärrlistan än.',
  'keys.seeBlockList': 'Visa spärrlistan',
  'keys.reachSummary': '{confirmed} av {total} berörda lås har fått spärren.',
  'keys.reachIntro':
    'Berörda lås sitter på dörrarna på vägen in till utförarens kunder; ett lås har fått spärren när det har rapporterat en spärrlisteversion som innehåller nyckeln.',
  'keys.reachLagging': 'Lås som ännu inte har fått spärren ({count})',
  'keys.reachLaggingFirst':
    'Bara de {listed} som ligger längst efter visas här; {more} till har inte heller fått spärren.',
  'keys.reachAllConfirmed': 'Alla berörda lås har fått spärren',
  'keys.create': 'Ny nyckel',
  'keys.createIntro':
    'En ny medarbetares första nyckel. En ersättning för en spärrad nyckel lämnas ut från den spärrade nyckelns sida.',
  'keys.holderProviderFirst': 'Välj utföraren först.',
  'keys.replace': 'Lämna ut ny nyckel',
  'keys.replaceTitle': 'Lämna ut en ny nyckel i stället för {serial}',
  'keys.replaceText':
    'Den nya nyckeln registreras på {holder} hos samma utförare. Den spärrade nyckeln förblir spärrad.',
  'keys.replaceTextNoHolder':
    'Den nya nyckeln registreras hos samma utförare, utan innehavare. Den spärrade nyckeln förblir spärrad.',
  'keys.replaceSerial': 'Serienummer på den nya nyckeln',
  'keys.replaceSerialHint': 'Står på nyckeln eller förpackningen, t.ex. HK-10234.',
  'keys.replaceSerialMissing': 'Skriv in den nya nyckelns serienummer.',
  'keys.replaceConfirm': 'Registrera nyckeln',
  'keys.issued':
    'Den nya nyckeln är registrerad. Registrera den sedan i aktiveringsdosan och ge medarbetaren en PIN-kod (återställ PIN-koden här).',

  'blockList.title': 'Spärrlista',
  'blockList.intro':
    'Spärrade och borttappade nycklar som låsen ska vägra, och vilka lås som ännu inte har rapporterat den senaste versionen av listan (där en spärrad nyckel fortfarande kan fungera).',
  'blockList.version': 'Aktuell version',
  'blockList.entries': 'Spärrade nycklar',
  'blockList.entriesEmpty': 'Inga nycklar är spärrade.',
  'blockList.key': 'Nyckel',
  'blockList.blockedAt': 'Spärrad',
  'blockList.addedInVersion': 'Version',
  'blockList.exposure': 'Lås som inte har den senaste spärrlistan',
  'blockList.exposureIntro':
    'Ett lås som inte har rapporterat version {version} kan fortfarande släppa in en nyckel som spärrats senare.',
  'blockList.exposureSummary':
    '{behind} av {total} installerade lås har en äldre version än {version} (ligger efter); {notReported} har inte rapporterat någon version.',
  'blockList.exposureEmpty': 'Alla installerade lås har rapporterat den senaste versionen.',
  'blockList.reportedVersion': 'Rapporterad version',
  'blockList.reportedAt': 'Rapporterad',
  'blockList.neverReported': 'Aldrig rapporterat',
  'blockList.locksCount': 'Installerade lås',
  'blockList.behindCount': 'Ligger efter (äldre version)',
  'blockList.notReportedCount': 'Har inte rapporterat någon version',
  'blockList.showingFirst': 'Visar de {count} lås som ligger längst efter.',
  'blockList.showAll': 'Visa alla {count}',
  'blockList.showFewer': 'Visa färre',
} as const;

/** Labels of the enumerations this capability shows. */
export const devicesLabelsSv = {
  keyKind: { hardware_key: 'Nyckel', phone: 'Telefon' } satisfies Labels<typeof keyKinds>,
  keyStatus: {
    active: 'Aktiv',
    blocked: 'Spärrad',
    lost: 'Borttappad',
    retired: 'Avvecklad',
  } satisfies Labels<typeof keyStatuses>,
};
