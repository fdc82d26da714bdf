// Swedish texts: visits, the exceptions queue and the compensation run. The English table
// (visits.en.ts) is typed against this one, so a missing translation fails `tsc`.
import type {
  TimeBand,
  VisitExceptionCode,
  VisitService,
  VisitSource,
  VisitState,
  WorkShiftSource,
} from '@portvakt/core';

export const visitsSv = {
  'visits.title': 'Besök',
  'visits.intro':
    'Dagens arbetspass per medarbetare: besök som staplar, restid som luckor. Besök från låsen är kopplade till de signerade låshändelserna; rättelser sparas som nya versioner.',
  'visits.day': 'Dag',
  'visits.previousDay': 'Föregående dag',
  'visits.nextDay': 'Nästa dag',
  'visits.timeline': 'Tidslinje',
  'visits.timelineSummary': '{visits} besök hos {customers} kunder, {minutes} minuter kundtid',
  'visits.caption': 'Besök under dagen',
  'visits.time': 'Tid',
  'visits.customer': 'Kund',
  'visits.staff': 'Personal',
  'visits.minutes': 'Minuter',
  'visits.services': 'Insatser',
  'visits.state': 'Status',
  'visits.source': 'Källa',
  'visits.actions': 'Åtgärder',
  'visits.none': 'Inga registrerade besök den här dagen.',
  'visits.stillThere': 'pågår / saknar utstämpling',
  'visits.correct': 'Rätta',
  'visits.correctTitle': 'Rätta besöket hos {customer}',
  'visits.correctText':
    'Rättelsen sparas som en ny version. Den ursprungliga registreringen finns kvar och ändringen syns i granskningsloggen.',
  'visits.correctConfirm': 'Spara rättelse',
  'visits.arrival': 'Ankomst',
  'visits.departure': 'Avfärd',
  'visits.reason': 'Orsak',
  'visits.reasonHint': 'Syns i granskningsloggen och för kommunen.',
  'visits.reasonMissing': 'Skriv en orsak (minst tre tecken).',
  'visits.decline': 'Avböjt',
  'visits.declineTitle': 'Kunden avböjde besöket',
  'visits.declineText': 'Besöket räknas inte som kundtid. Orsaken sparas.',
  'visits.declineConfirm': 'Registrera avböjt besök',

  'visits.shift': 'Arbetspass',
  'visits.shiftSummary': '{shifts} arbetspass',
  'visits.shiftOpen': 'Ej attesterat',
  'visits.shiftApprovedBy': 'Attesterat av {by}',
  'visits.shiftLegend':
    'Den ljusa bakgrunden i en rad är medarbetarens arbetspass: från nyckelaktivering, telefoninloggning eller registrerat i efterhand.',
  'visits.shiftsCaption': 'Arbetspass under dagen',

  'week.title': 'Vecka per kund',
  'week.intro':
    'En kunds vecka: registrerade besök som staplar och planerade besök som streckade ramar att jämföra med. Färgen visar besökets status.',
  'week.customer': 'Kund',
  'week.chooseCustomer': 'Välj kund',
  'week.week': 'Vecka (valfri dag)',
  'week.previousWeek': 'Föregående vecka',
  'week.nextWeek': 'Nästa vecka',
  'week.heading': 'Vecka {week}, {range}',
  'week.chart': 'Besök och planerade besök hos {customer}, vecka {week}',
  'week.summary':
    '{visits} besök, {minutes} minuter kundtid; {planned} planerade besök, {plannedMinutes} planerade minuter',
  'week.legend': 'Förklaring',
  'week.plannedWindow': 'Planerat besök (tidsfönster)',
  'week.plannedMinutes': '{minutes} planerade minuter',
  'week.plannedMinutesHeader': 'Planerade minuter',
  'week.plannedCaption': 'Planerade besök under veckan',
  'week.caption': 'Veckans besök',
  'week.day': 'Dag',
  'week.none': 'Inga besök eller planerade besök den här veckan.',
  'week.pickCustomer': 'Välj en kund för att se veckan.',
  'week.approveWeek': 'Attestera veckan för {name}',
  'week.approveTitle': 'Attestera vecka {week} för {name}',
  'week.approveText':
    'Alla registrerade och rättade besök under veckan blir attesterade. Det går inte så länge veckan har olösta avvikelser.',

  'visits.approveDay': 'Attestera dagen för {name}',
  'visits.approveTitle': 'Attestera {day} för {name}',
  'visits.approveText':
    'Alla registrerade och rättade besök under dagen blir attesterade. Det går inte så länge dagen har olösta avvikelser.',
  'visits.approveConfirm': 'Attestera',
  'exceptions.title': 'Avvikelser',
  'exceptions.intro':
    'Det som behöver ses över innan månaden ersätts. Rätta eller registrera avböjt på besöket, eller bekräfta avvikelsen med en orsak. Avvikelser markerade ”håller inne” räknas inte i ersättningen förrän de är lösta.',
  'exceptions.caption': 'Olösta avvikelser',
  'exceptions.from': 'Från och med',
  'exceptions.to': 'Till och med',
  'exceptions.when': 'När',
  'exceptions.what': 'Avvikelse',
  'exceptions.holding': 'Håller inne',
  'exceptions.none': 'Inga olösta avvikelser under perioden.',
  'exceptions.confirm': 'Bekräfta',
  'exceptions.confirmTitle': 'Bekräfta avvikelsen',
  'exceptions.confirmText': 'Avvikelsen godtas som den är. Orsaken sparas i granskningsloggen.',
  'exceptions.showVisit': 'Visa dagen',

  'breakGlass.title': 'Nödåtkomst',
  'breakGlass.intro':
    'Öppningar av kundens dörr som bara ett larm gav tillgång till (besöksfönster med nödåtkomst). Arbetsledaren granskar varje öppning med en kommentar, som sparas i granskningsloggen.',
  'breakGlass.caption': 'Öppningar som väntar på granskning',
  'breakGlass.none': 'Inga öppningar väntar på granskning.',
  'breakGlass.openedAt': 'Öppnad',
  'breakGlass.staff': 'Personal',
  'breakGlass.alarm': 'Larm',
  'breakGlass.window': 'Nödåtkomst gällde',
  'breakGlass.comment': 'Kommentar',
  'breakGlass.commentHint': 'Vad hände? Till exempel orsaken till larmet och vad personalen gjorde.',
  'breakGlass.commentMissing': 'Skriv en kommentar (minst tre tecken).',
  'breakGlass.review': 'Markera som granskad',

  'alarms.title': 'Larm',
  'alarms.intro':
    'Tid från larm till första öppning av kundens dörr av personal hos en larmpatrull, per område och utförare. Larm utan registrerad ankomst listas för sig.',
  'alarms.none': 'Inga larm den här månaden.',
  'alarms.chart': 'Mediantid till ankomst per område och utförare',
  'alarms.chartSummary': '{alarms} larm med registrerad ankomst, {unanswered} utan',
  'alarms.caption': 'Svarstider per område och utförare',
  'alarms.district': 'Område',
  'alarms.count': 'Larm',
  'alarms.median': 'Median (min)',
  'alarms.p90': '90:e percentilen (min)',
  'alarms.unanswered': 'Larm utan registrerad ankomst',
  'alarms.unansweredIntro': 'Ingen öppning av kundens dörr registrerades inom ett dygn efter larmet.',
  'alarms.raisedAt': 'Larmtid',
  'compensation.title': 'Ersättning',
  'compensation.intro':
    'Månadens ersättning per utförare: registrerad tid per kund, insats och tidsband mot beviljad tid. En körning ändras aldrig; en ny körning blir en ny version med skillnaden mot den förra.',
  'compensation.month': 'Månad',
  'compensation.run': 'Kör ersättning för månaden',
  'compensation.runTitle': 'Kör ersättningen för {month}',
  'compensation.runText':
    'Varje utförare får en ny version av månadens körning. Tidigare versioner finns kvar.',
  'compensation.runs': 'Körningar',
  'compensation.none': 'Ingen körning för månaden ännu.',
  'compensation.provider': 'Utförare',
  'compensation.version': 'Version',
  'compensation.total': 'Belopp',
  'compensation.heldBack': 'Innehållna besök',
  'compensation.late': 'Sena ändringar',
  'compensation.createdAt': 'Körd',
  'compensation.hash': 'Kontrollsumma',
  'compensation.download': 'Ladda ned CSV',
  'compensation.show': 'Visa rader',
  'compensation.lines': 'Rader för {provider}, version {version}',
  'compensation.band': 'Tidsband',
  'compensation.customerMinutes': 'Kundtid (min)',
  'compensation.staffMinutes': 'Personaltid (min)',
  'compensation.rate': 'Timpris',
  'compensation.amount': 'Belopp',
  'compensation.diff':
    'Jämfört med version {version}: {added} nya, {removed} borttagna, {changed} ändrade rader, {delta} i belopp.',
  'compensation.downloadPdf': 'Ladda ned PDF',
  'compensation.givenLink': 'Utförd mot beviljad tid för månaden',
  'given.title': 'Utförd mot beviljad tid',
  'given.intro':
    'Per kund och insats: beviljade minuter enligt biståndsbeslutet mot utförd kundtid i månadens senaste ersättningskörning för varje utförare. Största underskottet först; sortera på valfri kolumn.',
  'given.none': 'Ingen ersättningskörning för månaden ännu.',
  'given.fromRuns': 'Från senaste körningen per utförare: {runs}.',
  'given.run': '{provider} version {version}',
  'given.chart': 'Utförd mot beviljad tid',
  'given.chartSummary':
    '{customers} kunder med beslut: {given} av {granted} beviljade minuter utförda ({percent} %). Diagrammet visar de {shown} första raderna i listan.',
  'given.caption': 'Utförd och beviljad tid per kund och insats',
  'given.given': 'Utförd',
  'given.granted': 'Beviljad',
  'given.givenMinutes': 'Utförd (min)',
  'given.grantedMinutes': 'Beviljad (min)',
  'given.difference': 'Skillnad (min)',
  'given.percent': 'Andel utförd',
  'given.noDecision': 'inget beslut',
} as const;

/** Labels of the enumerations this capability shows. */
export interface VisitsLabels {
  visitState: Record<VisitState, string>;
  visitSource: Record<VisitSource, string>;
  workShiftSource: Record<WorkShiftSource, string>;
  visitService: Record<VisitService | 'unspecified', string>;
  visitException: Record<VisitExceptionCode, string>;
  timeBand: Record<TimeBand, string>;
}

export const visitsLabelsSv: VisitsLabels = {
  visitState: {
    registered: 'Registrerat',
    incomplete: 'Saknar avfärd',
    declined: 'Avböjt',
    approved: 'Attesterat',
    corrected: 'Rättat',
  },
  visitSource: { lock: 'Lås', phone: 'Telefon', manual: 'Efterregistrerat' },
  workShiftSource: {
    activation: 'Nyckelaktivering',
    phone: 'Telefoninloggning',
    manual: 'Registrerat i efterhand',
  },
  visitService: {
    personal_care: 'Personlig omvårdnad',
    meals: 'Måltider',
    medication: 'Läkemedel',
    shower: 'Dusch',
    cleaning: 'Städning',
    laundry: 'Tvätt',
    shopping: 'Inköp',
    escort: 'Ledsagning',
    supervision: 'Tillsyn',
    unspecified: 'Ej angiven',
  },
  visitException: {
    no_departure: 'Saknar avfärd',
    too_long: 'Ovanligt långt besök',
    too_short: 'Ovanligt kort besök',
    two_customers_at_once: 'Hos två kunder samtidigt',
    unplanned_visit: 'Oplanerat besök',
    missed_planned_visit: 'Planerat besök utan registrering',
    no_entry: 'Kom inte in (nekade försök)',
    outside_service: 'Utanför insatsens period',
  },
  timeBand: { day: 'Dag', evening: 'Kväll', night: 'Natt', weekend: 'Helg' },
};
