// The words of explain's reasons, in Swedish and English: the one place these sentences are
// written, used by the API (Accept-Language), the console (which shows what the API sends) and
// reports. Pure: a reason's parameters already carry local dates and times.
import type { DoorKind } from '../registry/index';
import type { ReasonDoor, ReasonParams, ReasonRoute, ReasonService, ReasonSubject } from './reason-params';
import type { ServiceKind } from './permission-facts';
import type { PermissionRule } from './permission-rules';
import { describeDays } from './time-windows';

export const explanationLanguages = ['sv', 'en'] as const;
export type ExplanationLanguage = (typeof explanationLanguages)[number];

/**
 * The language of an Accept-Language header: Swedish unless English is preferred over Swedish
 * (by order, or by a higher q-value). No header or neither language: Swedish.
 */
export function pickExplanationLanguage(acceptLanguage: string | undefined): ExplanationLanguage {
  if (!acceptLanguage) return 'sv';
  let best: { language: ExplanationLanguage; q: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...attributes] = part.trim().toLowerCase().split(';');
    const language = tag.split('-')[0];
    if (language !== 'sv' && language !== 'en') continue;
    const qAttribute = attributes.find((a) => a.trim().startsWith('q='));
    const q = qAttribute === undefined ? 1 : Number(qAttribute.trim().slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { language, q };
  }
  return best?.language ?? 'sv';
}

/** Door kinds in plain English words, for explanations and command-line output. */
export const doorKindLabels: Record<DoorKind, string> = {
  apartment_door: 'apartment door',
  entrance: 'entrance',
  key_safe: 'key safe',
  key_tube: 'key tube',
  laundry_room: 'laundry room',
  waste_room: 'waste room',
  medicine_cabinet: 'medicine cabinet',
  electrical_room: 'electrical room',
};

const doorKindLabelsSv: Record<DoorKind, string> = {
  apartment_door: 'lägenhetsdörren',
  entrance: 'porten',
  key_safe: 'nyckelgömman',
  key_tube: 'nyckelfacksröret',
  laundry_room: 'tvättstugan',
  waste_room: 'soprummet',
  medicine_cabinet: 'medicinskåpet',
  electrical_room: 'elrummet',
};

const serviceLabels: Record<ExplanationLanguage, Record<ServiceKind, string>> = {
  en: { home_care: 'home care', safety_alarm: 'safety alarm', home_health_care: 'home health care' },
  sv: { home_care: 'hemtjänst', safety_alarm: 'trygghetslarm', home_health_care: 'hemsjukvård' },
};

const weekdayNames: Record<ExplanationLanguage, readonly string[]> = {
  en: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  sv: ['', 'mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'],
};

type Words = (params: ReasonParams) => string;

/** The sentence parts of one language. */
interface Phrases {
  door: (door: ReasonDoor) => string;
  customer: (name: string | null | undefined) => string;
  customerPossessive: (name: string | null | undefined) => string;
  windows: (service: ReasonService) => string;
  service: (service: ReasonService) => string;
  now: (params: ReasonParams) => string;
  route: (params: ReasonParams, route: ReasonRoute) => string;
  subject: (params: ReasonParams, subject: ReasonSubject) => string;
  /** A door grant's customer (named, or not) who has chosen the staff member's provider. */
  chosenThroughDoor: (params: ReasonParams, service: ReasonService) => string;
  rules: Record<PermissionRule, Words>;
}

/**
 * The refusals a period of validity explains (a membership, an assignment, a grant): the same
 * sentence in each language, about its start when it has not begun and its end when it is over.
 */
function validityRules(validity: (p: ReasonParams, isStart: boolean) => string) {
  return {
    membership_expired: (p) => validity(p, false),
    membership_not_started: (p) => validity(p, true),
    assignment_ended: (p) => validity(p, false),
    assignment_not_started: (p) => validity(p, true),
    grant_expired: (p) => validity(p, false),
    grant_not_started: (p) => validity(p, true),
  } satisfies Partial<Record<PermissionRule, Words>>;
}

/** A grant that allows, in `words`: its route, and for a door grant whose choice of provider counts. */
function grantSentence(words: Phrases, p: ReasonParams): string {
  const route = words.route(p, p.route!);
  if (p.route!.kind === 'customer_grant') return `${route} (${words.service(p.service!)}).`;
  if (!p.service) return `${route}.`;
  return `${route}; ${words.chosenThroughDoor(p, p.service)}.`;
}

const capitalise = (text: string): string => `${text[0]!.toUpperCase()}${text.slice(1)}`;

const lowercaseLetter = /\p{Ll}$/u;
const sibilant = /[sxz]$/;

/**
 * A name in the Swedish genitive: "Anna Bergs", but "Lars" and "Max" as they are (a name ending in
 * s, x or z takes no s), and "Mälardalen AB:s", "Anna K:s", "Natt 3:s" after an abbreviation, an
 * initial or a number (anything that does not end in a lowercase letter).
 */
export function sayGenitiveSv(name: string): string {
  if (!lowercaseLetter.test(name)) return `${name}:s`;
  return sibilant.test(name) ? name : `${name}s`;
}
const quoted = (reason: string, prefix: string): string => (reason ? `${prefix}"${reason}"` : '');

// A service's windows in words, once per service and language: explain hands out one
// ReasonService per provider service, and who-can-open words it for many openers.
const windowTexts: Record<ExplanationLanguage, WeakMap<ReasonService, string>> = {
  sv: new WeakMap(),
  en: new WeakMap(),
};

function windowsIn(language: ExplanationLanguage, service: ReasonService, always: string): string {
  if (service.windows === 'always') return always;
  let text = windowTexts[language].get(service);
  if (text === undefined) {
    const names = weekdayNames[language];
    text = service.windows.map((w) => `${w.time}${describeDays(w.dayMask, names)}`).join(', ');
    windowTexts[language].set(service, text);
  }
  return text;
}

const en: Phrases = {
  door: (door) => `the ${doorKindLabels[door.kind]} "${door.label}"`,
  customer: (name) => name ?? 'another customer behind the same door',
  customerPossessive: (name) => (name ? `${name}'s` : "another customer's"),
  windows: (service) => windowsIn('en', service, 'around the clock'),
  service: (s) => `${serviceLabels.en[s.kind]} by ${s.provider}, ${en.windows(s)}`,
  now: (p) => `${p.now!.time} on ${p.now!.date}`,
  route: (p, route) => {
    switch (route.kind) {
      case 'team':
        return `${p.staff} is in team ${route.team}, which serves ${en.customer(p.customer)}`;
      case 'area':
        return `${p.staff} is in team ${route.team}, which may open the doors of ${serviceLabels.en[route.service]} customers of ${route.provider} in ${route.district}`;
      case 'customer_grant':
        return `${p.staff} holds an individual grant for ${en.customer(p.customer)}${route.until ? ` until ${route.until}` : ''}, given by ${route.grantedBy}: "${route.reason}"`;
      case 'door_grant': {
        const holder = route.team === null ? p.staff : `Team ${route.team}, which ${p.staff} is in,`;
        const kind = route.grant === 'shared_door_grant' ? 'shared-door grant' : 'individual grant';
        return `${holder} holds a ${kind} for ${en.door(route.door)}${route.until ? ` until ${route.until}` : ''}${route.grantedBy ? `, given by ${route.grantedBy}` : ''}${quoted(route.reason, ': ')}`;
      }
    }
  },
  subject: (p, subject) => {
    switch (subject.kind) {
      case 'membership':
        return `${p.staff}'s membership in team ${subject.team}`;
      case 'assignment':
        return `Team ${subject.team}'s assignment to ${en.customer(p.customer)}`;
      case 'area_rule':
        return `Team ${subject.team}'s area rule for ${subject.district}`;
      case 'customer_grant':
        return `${p.staff}'s individual grant for ${en.customer(p.customer)}`;
      case 'door_grant':
        return `The ${subject.grant === 'shared_door_grant' ? 'shared-door grant' : 'individual grant'} of ${en.door(subject.door)}`;
    }
  },
  chosenThroughDoor: (p, service) => {
    const whose =
      p.customer === null
        ? 'a customer whose way in passes this door'
        : `${p.customer}, whose way in passes this door,`;
    return `${whose} has chosen ${p.provider} (${en.service(service)})`;
  },
  rules: {
    team_service: (p) =>
      `${en.route(p, p.route!)} (${en.service(p.service!)}).${p.membershipUntil ? ` The membership is valid until ${p.membershipUntil}.` : ''}`,
    area_rule: (p) =>
      `${en.route(p, p.route!)}; ${en.customer(p.customer)} is one (${en.service(p.service!)}).`,
    individual_grant: (p) => grantSentence(en, p),
    shared_door_grant: (p) => grantSentence(en, p),
    unknown_staff: (p) => `No staff member with id ${p.staffId} is known.`,
    unknown_lock: (p) => `No installed lock with id ${p.lockId} is known.`,
    employment_not_started: (p) =>
      `${p.staff}'s employment at ${p.provider} starts on ${p.date}; before that ${p.staff} opens nothing.`,
    employment_ended: (p) =>
      `${p.staff}'s employment at ${p.provider} ended on ${p.date}; former staff open nothing.`,
    customer_refused_lock: (p) =>
      p.route!.kind === 'door_grant'
        ? `${en.route(p, p.route!)}, but every customer behind ${en.door(p.route!.door)} has refused a digital lock.`
        : `${en.route(p, p.route!)}, but ${en.customer(p.customer)} has refused a digital lock, so their doors give no access.`,
    ...validityRules(enValidity),
    no_chosen_provider: (p) =>
      p.route
        ? `${en.route(p, p.route)}, but ${en.customer(p.customer)} has not chosen ${p.provider} (${p.staff}'s provider)${p.forService ? ` for ${serviceLabels.en[p.forService]}` : ''}. Only staff of a provider the customer has chosen can get in.`
        : `No customer whose way in passes ${en.door(p.door!)} has chosen ${p.provider} (${p.staff}'s provider), and only staff of a provider the customer has chosen can get in.`,
    service_not_active: (p) =>
      `${en.route(p, p.route!)}, but ${en.customerPossessive(p.customer)} ${serviceLabels.en[p.service!.kind]} from ${p.provider} is not active on ${p.date} (it runs ${p.period!.from} – ${p.period!.until ?? 'until further notice'}).`,
    outside_service_window: (p) =>
      `${en.route(p, p.route!)}, but ${p.provider} serves ${en.customer(p.customer)} (${serviceLabels.en[p.service!.kind]}) only ${en.windows(p.service!)}; it is ${en.now(p)}.`,
    no_rule: (p) =>
      p.isSharedDoor
        ? `${capitalise(en.door(p.door!))} is a shared door that opens only with an explicit grant, and ${p.staff} has none.`
        : `${p.staff} is not in a team that serves a customer behind ${en.door(p.door!)}, and holds no grant for it.`,
  },
};

function enValidity(p: ReasonParams, isStart: boolean): string {
  return `${en.subject(p, p.subject!)} ${isStart ? 'starts' : 'ended'} at ${p.boundary}; it is ${en.now(p)}.`;
}

const sv: Phrases = {
  door: (door) => `${doorKindLabelsSv[door.kind]} "${door.label}"`,
  customer: (name) => name ?? 'en annan kund bakom samma dörr',
  customerPossessive: (name) => (name ? sayGenitiveSv(name) : 'en annan kunds'),
  windows: (service) => windowsIn('sv', service, 'dygnet runt'),
  service: (s) => `${serviceLabels.sv[s.kind]} från ${s.provider}, ${sv.windows(s)}`,
  now: (p) => `klockan är ${p.now!.time} den ${p.now!.date}`,
  route: (p, route) => {
    switch (route.kind) {
      case 'team':
        return `${p.staff} ingår i team ${route.team}, som har hand om ${sv.customer(p.customer)}`;
      case 'area':
        return `${p.staff} ingår i team ${route.team}, som får öppna dörrarna hos ${sayGenitiveSv(route.provider)} kunder med ${serviceLabels.sv[route.service]} i ${route.district}`;
      case 'customer_grant':
        return `${p.staff} har en individuell behörighet för ${sv.customer(p.customer)}${route.until ? ` till ${route.until}` : ''}, given av ${route.grantedBy}: "${route.reason}"`;
      case 'door_grant': {
        const holder = route.team === null ? p.staff : `Team ${route.team}, som ${p.staff} ingår i,`;
        const kind =
          route.grant === 'shared_door_grant' ? 'behörighet till gemensam dörr' : 'individuell behörighet';
        return `${holder} har ${kind} för ${sv.door(route.door)}${route.until ? ` till ${route.until}` : ''}${route.grantedBy ? `, given av ${route.grantedBy}` : ''}${quoted(route.reason, ': ')}`;
      }
    }
  },
  subject: (p, subject) => {
    switch (subject.kind) {
      case 'membership':
        return `${sayGenitiveSv(p.staff!)} medlemskap i team ${subject.team}`;
      case 'assignment':
        return `Team ${sayGenitiveSv(subject.team)} uppdrag hos ${sv.customer(p.customer)}`;
      case 'area_rule':
        return `Team ${sayGenitiveSv(subject.team)} områdesregel för ${subject.district}`;
      case 'customer_grant':
        return `${sayGenitiveSv(p.staff!)} individuella behörighet för ${sv.customer(p.customer)}`;
      case 'door_grant':
        return `${subject.grant === 'shared_door_grant' ? 'Behörigheten till den gemensamma dörren' : 'Den individuella behörigheten för'} ${sv.door(subject.door)}`;
    }
  },
  chosenThroughDoor: (p, service) => {
    const whose =
      p.customer === null
        ? 'en kund vars väg in går genom den här dörren'
        : `${p.customer}, vars väg in går genom den här dörren,`;
    return `${whose} har valt ${p.provider} (${sv.service(service)})`;
  },
  rules: {
    team_service: (p) =>
      `${sv.route(p, p.route!)} (${sv.service(p.service!)}).${p.membershipUntil ? ` Medlemskapet gäller till ${p.membershipUntil}.` : ''}`,
    area_rule: (p) =>
      `${sv.route(p, p.route!)}; ${sv.customer(p.customer)} är en av dem (${sv.service(p.service!)}).`,
    individual_grant: (p) => grantSentence(sv, p),
    shared_door_grant: (p) => grantSentence(sv, p),
    unknown_staff: (p) => `Det finns ingen medarbetare med id ${p.staffId}.`,
    unknown_lock: (p) => `Det finns inget installerat lås med id ${p.lockId}.`,
    employment_not_started: (p) =>
      `${sayGenitiveSv(p.staff!)} anställning hos ${p.provider} börjar ${p.date}; innan dess kan ${p.staff} inte öppna något.`,
    employment_ended: (p) =>
      `${sayGenitiveSv(p.staff!)} anställning hos ${p.provider} slutade ${p.date}; den som har slutat kan inte öppna något.`,
    customer_refused_lock: (p) =>
      p.route!.kind === 'door_grant'
        ? `${sv.route(p, p.route!)}, men alla kunder bakom ${sv.door(p.route!.door)} har tackat nej till digitalt lås.`
        : `${sv.route(p, p.route!)}, men ${sv.customer(p.customer)} har tackat nej till digitalt lås, så kundens dörrar ger ingen åtkomst.`,
    ...validityRules(svValidity),
    no_chosen_provider: (p) =>
      p.route
        ? `${sv.route(p, p.route)}, men ${sv.customer(p.customer)} har inte valt ${p.provider} (${sayGenitiveSv(p.staff!)} utförare)${p.forService ? ` för ${serviceLabels.sv[p.forService]}` : ''}. Bara personal hos en utförare som kunden har valt kan komma in.`
        : `Ingen kund vars väg in går genom ${sv.door(p.door!)} har valt ${p.provider} (${sayGenitiveSv(p.staff!)} utförare), och bara personal hos en utförare som kunden har valt kan komma in.`,
    service_not_active: (p) =>
      `${sv.route(p, p.route!)}, men ${sv.customerPossessive(p.customer)} ${serviceLabels.sv[p.service!.kind]} från ${p.provider} gäller inte ${p.date} (den gäller ${p.period!.from} – ${p.period!.until ?? 'tills vidare'}).`,
    outside_service_window: (p) =>
      `${sv.route(p, p.route!)}, men ${p.provider} har hand om ${sv.customer(p.customer)} (${serviceLabels.sv[p.service!.kind]}) bara ${sv.windows(p.service!)}; ${sv.now(p)}.`,
    no_rule: (p) =>
      p.isSharedDoor
        ? `${capitalise(sv.door(p.door!))} är en gemensam dörr som bara öppnas med en uttrycklig behörighet, och ${p.staff} har ingen.`
        : `${p.staff} ingår inte i något team som har hand om en kund bakom ${sv.door(p.door!)}, och har ingen behörighet för den.`,
  },
};

function svValidity(p: ReasonParams, isStart: boolean): string {
  const verb = isStart ? 'börjar gälla' : 'slutade gälla';
  return `${sv.subject(p, p.subject!)} ${verb} ${p.boundary}; ${sv.now(p)}.`;
}

const phrases: Record<ExplanationLanguage, Phrases> = { sv, en };

/** One reason in words: one sentence a support person understands, in `language`. */
export function renderReason(
  reason: { rule: PermissionRule; params: ReasonParams },
  language: ExplanationLanguage,
): string {
  return phrases[language].rules[reason.rule](reason.params);
}

/** Reasons as the API and reports give them: the rule code and its sentence in `language`. */
export function renderReasons(
  reasons: readonly { rule: PermissionRule; params: ReasonParams }[],
  language: ExplanationLanguage,
): { rule: PermissionRule; text: string }[] {
  return reasons.map((reason) => ({ rule: reason.rule, text: renderReason(reason, language) }));
}
