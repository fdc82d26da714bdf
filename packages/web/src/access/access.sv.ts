// Swedish texts: who can open, grants, team assignments, lock lists, explanations. The English table (access.en.ts)
// is typed against this one, so a missing translation fails `tsc`.
import type { allowRules, denyRules } from '@portvakt/core';
import type { Labels } from '../shared/labels';

export const accessSv = {
  'customers.whoCanOpen': 'Vem kan öppna nu',
  'customers.teams': 'Team som betjänar kunden',

  'permissions.history': 'Behörighetshistorik',
  'permissions.historyIntro': 'Varje ändring av vem som får öppna: vem som ändrade, vad, när och varför.',
  'permissions.historyEmpty': 'Inga behörighetsändringar är registrerade.',
  'permissions.historyWhen': 'När',
  'permissions.historyWho': 'Vem',
  'permissions.historyWhat': 'Vad',
  'permissions.historyWhy': 'Varför',
  'permissions.historyDetails': 'Gäller',
  'permissions.validRange': '{from} – {until}',
  'permissions.untilFurther': 'tills vidare',

  'customers.whoCanOpenIntro':
    'Vilka i personalen som kan öppna varje dörr på vägen in, och enligt vilken regel. Välj en annan tidpunkt för att se hur det ser ut då.',
  'customers.whoCanOpenAt': 'Visar läget {at}.',
  'customers.whoCanOpenNobody': 'Ingen kan öppna vid den tidpunkten',
  'customers.whoCanOpenWhy': 'Varför',
  'customers.whoCanOpenAllTheWay': 'Kan öppna hela vägen in till kunden ({count})',
  'customers.whoCanOpenNobodyAllTheWay': 'Ingen kan öppna hela vägen in till kunden vid den tidpunkten.',
  'customers.whoCanOpenPartway':
    '{count} till kan bara öppna en del av dörrarna, till exempel porten genom andra kunder i huset',
  'customers.whoCanOpenPartwayCaption': 'Kan bara öppna en del av dörrarna',
  'customers.whoCanOpenShowWhy': 'Visa förklaring',
  'customers.whoCanOpenNoPath': 'Kunden har ingen väg in registrerad, så ingen kan öppna något digitalt.',
  'customers.whoCanOpenOnlyOwn': 'Du ser bara personal hos din egen utförare.',
  'customers.grants': 'Tillfälliga behörigheter',
  'customers.grantsIntro':
    'En individuell behörighet ger en medarbetare tillgång till kundens dörrar under en begränsad tid, till exempel vid vikariat. Den gäller bara för utförare som kunden har valt, och bara inom utförarens tider.',
  'customers.grantsEmpty': 'Kunden har inga individuella behörigheter.',
  'customers.grantGive': 'Ge tillfällig behörighet',
  'customers.grantStaff': 'Medarbetare',
  'customers.grantUntil': 'Gäller till',
  'customers.grantUntilHint': 'Förslaget är slutet på dagens pass.',
  'customers.grantReason': 'Anledning',
  'customers.grantReasonHint': 'Till exempel: Vikarierar för ordinarie personal under veckan.',
  'customers.grantSubmit': 'Ge behörighet',
  'customers.grantGiven': '{name} har fått tillfällig behörighet till {until}.',
  'customers.grantStaffMissing': 'Välj en medarbetare.',
  'customers.grantReasonMissing': 'Skriv en anledning (minst 3 tecken).',
  'customers.grantUntilMissing': 'Ange när behörigheten slutar.',
  'customers.grantUntilPast': 'Sluttiden måste ligga i framtiden.',
  'customers.grantNoProvider':
    'Kunden har ingen pågående insats från en utförare du kan ge behörighet för, så ingen kan få tillfällig behörighet.',
  'customers.grantState': 'Läge',
  'customers.grantEnd': 'Avsluta',
  'customers.grantEndTitle': 'Avsluta behörigheten för {name}?',
  'customers.grantEndText': 'Behörigheten upphör nu. Ändringen loggas.',
  'customers.grantEndConfirm': 'Avsluta nu',
  'customers.grantEnded': 'Behörigheten är avslutad.',
  'customers.grantDeleteTitle': 'Ta bort behörigheten för {name}?',
  'customers.grantDeleteText':
    'Behörigheten tas bort från listan. Att den funnits syns fortfarande i behörighetshistoriken.',
  'customers.grantDeleted': 'Behörigheten är borttagen.',
  'customers.teamsIntro':
    'Team som kunden är tilldelad. Medlemmarna i teamet kan öppna kundens dörrar inom utförarens tider.',
  'customers.teamsEmpty': 'Kunden är inte tilldelad något team, så ingen kan öppna via ett team.',
  'customers.teamAssign': 'Tilldela team',
  'customers.teamChoose': 'Välj team',
  'customers.teamAssignSubmit': 'Tilldela',
  'customers.teamAssigned': 'Kunden är tilldelad {team}.',
  'customers.teamMissing': 'Välj ett team.',
  'customers.teamRemove': 'Ta bort',
  'customers.teamRemoveTitle': 'Ta bort kunden från {team}?',
  'customers.teamRemoveText':
    'Teamets medlemmar kan inte längre öppna kundens dörrar genom teamet. Ändringen loggas.',
  'customers.teamRemoved': 'Kunden är borttagen från teamet.',
  'customers.teamNone': 'Det finns inget team hos kundens utförare att välja.',

  'staff.lockList': 'Kan öppna',
  'staff.lockListIntro':
    'De lås medarbetaren kan öppna de närmaste 12 timmarna, som en aktivering skulle räkna fram dem.',
  'staff.lockListEmpty': 'Medarbetaren kan inte öppna några lås de närmaste 12 timmarna.',
  'staff.lockListStatus': 'Anställningsläge: {status}',
  'staff.lockListValidUntil': 'Listan gäller till {until}.',
  'staff.lockListRules': 'Regler',
  'staff.lockListWhen': 'När',
  'staff.lockListAlways': 'Hela perioden',
  'staff.lockListCount': '{count} lås',
  'staff.explain': 'Förklara: får medarbetaren öppna?',
  'staff.explainIntro':
    'Välj ett lås och en tidpunkt. Svaret säger om medarbetaren får öppna, och varför (eller varför inte).',
  'staff.explainSearch': 'Sök lås (dörr, serienummer eller kund)',
  'staff.explainSearchButton': 'Sök lås',
  'staff.explainLock': 'Lås',
  'staff.explainChooseLock': 'Välj lås',
  'staff.explainSubmit': 'Förklara',
  'staff.explainNoMatches': 'Inga lås matchar sökningen.',
  'staff.explainLockMissing': 'Välj ett lås.',
  'staff.explainResult': 'Svar för {lock}, {at}',
  'staff.explainFromList': 'Från listan Kan öppna',
  'staff.explainFromSearch': 'Sökträffar',
  'staff.status.active': 'anställd',
} as const;

/** Labels of the enumerations this capability shows. */
export interface AccessLabels {
  permissionRule: Labels<typeof allowRules> & Labels<typeof denyRules>;
}

export const accessLabelsSv: AccessLabels = {
  permissionRule: {
    team_service: 'Teamets kund',
    area_rule: 'Områdesregel',
    individual_grant: 'Individuell behörighet',
    shared_door_grant: 'Gemensam dörr',
    unknown_staff: 'Okänd medarbetare',
    unknown_lock: 'Okänt lås',
    employment_not_started: 'Anställningen har inte börjat',
    employment_ended: 'Anställningen har upphört',
    customer_refused_lock: 'Kunden har tackat nej till lås',
    membership_expired: 'Teammedlemskapet har upphört',
    membership_not_started: 'Teammedlemskapet har inte börjat',
    assignment_ended: 'Teamets uppdrag har upphört',
    assignment_not_started: 'Teamets uppdrag har inte börjat',
    grant_expired: 'Behörigheten har gått ut',
    grant_not_started: 'Behörigheten har inte börjat',
    no_chosen_provider: 'Kunden har inte valt utföraren',
    service_not_active: 'Insatsen pågår inte',
    outside_service_window: 'Utanför utförarens tider',
    no_rule: 'Ingen regel ger åtkomst',
  },
};
