// Explanations as codes with parameters, their words in Swedish and English, and an explanation
// about one customer at a shared entrance naming that customer only (issue #10 item 5).
import { describe, expect, it } from 'vitest';
import type { PermissionFacts } from './permission-facts';
import {
  buildPermissionIndex,
  explain,
  pickExplanationLanguage,
  renderReason,
  whoCanOpen,
  type PermissionReason,
} from './index';
import { smallWorld, stockholm } from './permissions.testing';

const residents = ['Karl Berg', 'Greta Holm', 'Ines Lund', 'Olle Ek', 'Sven Dahl', 'Åsa Nord', 'Per Vik'];

/** One building: seven safety-alarm customers behind one entrance, each with an apartment door. */
function sharedEntrance(): PermissionFacts {
  const customers = residents.map((name, i) => ({ id: `c-${i}`, name, districtId: 'd-norr' }));
  return {
    timeZone: 'Europe/Stockholm',
    districts: [{ id: 'd-norr', name: 'Norrmalm' }],
    providers: [
      { id: 'p-larm', name: 'Larmbolaget', kinds: ['alarm_patrol'] },
      {
        id: 'p-nord',
        name: 'Hemtjänst Nord',
        kinds: ['day_home_care'],
        serviceWindows: { home_care: [{ from: '07:00', to: '22:00' }] },
      },
    ],
    customers,
    services: [
      ...customers.map((c) => ({
        customerId: c.id,
        service: 'safety_alarm' as const,
        providerId: 'p-larm',
        startsOn: '2026-01-01',
      })),
      ...customers.map((c) => ({
        customerId: c.id,
        service: 'home_care' as const,
        providerId: 'p-nord',
        startsOn: '2026-01-01',
      })),
    ],
    teams: [
      { id: 't-larm', providerId: 'p-larm', name: 'Larm Norr', districtId: 'd-norr' },
      { id: 't-dag', providerId: 'p-nord', name: 'Norrmalm Dag', districtId: 'd-norr' },
    ],
    // Day team serves only Greta (c-1), not Karl (c-0).
    teamCustomers: [{ teamId: 't-dag', customerId: 'c-1' }],
    memberships: [
      { staffId: 's-eva', teamId: 't-larm', validFrom: '2026-01-01T00:00:00+01:00' },
      { staffId: 's-anna', teamId: 't-dag', validFrom: '2026-01-01T00:00:00+01:00' },
    ],
    staff: [
      { id: 's-eva', providerId: 'p-larm', name: 'Eva Larsson', employmentStartsOn: '2025-01-01' },
      { id: 's-anna', providerId: 'p-nord', name: 'Anna Svensson', employmentStartsOn: '2025-01-01' },
    ],
    areaRules: [{ teamId: 't-larm', districtId: 'd-norr' }],
    accessPaths: customers.map((c, i) => ({ customerId: c.id, doorIds: ['door-port', `door-${i}`] })),
    doors: [
      { id: 'door-port', kind: 'entrance', label: 'Sveavägen 1, port' },
      ...customers.map((_, i) => ({ id: `door-${i}`, kind: 'apartment_door' as const, label: `lgh ${i}` })),
    ],
    locks: [
      { id: 'lock-port', doorId: 'door-port', number: 1 },
      ...customers.map((_, i) => ({ id: `lock-${i}`, doorId: `door-${i}`, number: 10 + i })),
    ],
  };
}

const namesIn = (text: string): string[] => residents.filter((name) => text.includes(name));
const texts = (reasons: readonly PermissionReason[], language: 'sv' | 'en'): string[] =>
  reasons.map((reason) => renderReason(reason, language));

describe('an explanation about one customer at a shared entrance', () => {
  const index = buildPermissionIndex(sharedEntrance());
  const at = stockholm('2026-03-02 10:00');

  it('names every neighbour when asked about the staff member and the lock alone', () => {
    const why = explain(index, 's-eva', 'lock-port', at);
    expect(why.reasons).toHaveLength(7);
    expect(texts(why.reasons, 'en').flatMap(namesIn).sort()).toEqual([...residents].sort());
  });

  it('names that customer only, in both languages, in who-can-open', () => {
    const openers = whoCanOpen(index, 'c-0', ['lock-port', 'lock-0'], at).get('lock-port')!;
    const eva = openers.find((o) => o.staffId === 's-eva')!;
    expect(eva.reasons.map((r) => r.rule)).toEqual(['area_rule']);
    for (const language of ['sv', 'en'] as const) {
      for (const text of texts(eva.reasons, language)) expect(namesIn(text)).toEqual(['Karl Berg']);
    }
    expect(texts(eva.reasons, 'en')).toEqual([
      'Eva Larsson is in team Larm Norr, which may open the doors of safety alarm customers of Larmbolaget in Norrmalm; Karl Berg is one (safety alarm by Larmbolaget, around the clock).',
    ]);
    expect(explain(index, 's-eva', 'lock-port', at, { customerId: 'c-0' }).reasons).toEqual(eva.reasons);
  });

  it('lists someone who gets in only through a neighbour, without the neighbour’s name', () => {
    const openers = whoCanOpen(index, 'c-0', ['lock-port', 'lock-0'], at);
    const anna = openers.get('lock-port')!.find((o) => o.staffId === 's-anna')!;
    expect(openers.get('lock-0')!.some((o) => o.staffId === 's-anna')).toBe(false);
    expect(anna.reasons.map((r) => [r.rule, r.customerId])).toEqual([['team_service', undefined]]);
    for (const language of ['sv', 'en'] as const) {
      for (const text of texts(anna.reasons, language)) expect(namesIn(text)).toEqual([]);
    }
    expect(texts(anna.reasons, 'sv')).toEqual([
      'Anna Svensson ingår i team Norrmalm Dag, som har hand om en annan kund bakom samma dörr (hemtjänst från Hemtjänst Nord, 07:00–22:00).',
    ]);
  });
});

describe('the words of a reason', () => {
  const index = buildPermissionIndex(smallWorld());

  it('say the same rule in Swedish and English', () => {
    const why = explain(index, 's-bo', 'lock-karl', stockholm('2026-03-02 10:00'));
    expect(why.reasons[0]!.rule).toBe('outside_service_window');
    expect(renderReason(why.reasons[0]!, 'sv')).toBe(
      'Bo Nilsson ingår i team Natt City, som har hand om Karl Berg, men Nattpatrullen har hand om Karl Berg (hemtjänst) bara 22:00–07:00; klockan är 10:00 den 2026-03-02.',
    );
    expect(renderReason(why.reasons[0]!, 'en')).toBe(
      'Bo Nilsson is in team Natt City, which serves Karl Berg, but Nattpatrullen serves Karl Berg (home care) only 22:00–07:00; it is 10:00 on 2026-03-02.',
    );
  });

  it('exist for every reason the small world gives, in both languages', () => {
    const staffIds = [...index.staff.keys(), 's-nobody'];
    const lockIds = [...index.locks.keys(), 'lock-nothing'];
    const times = ['2026-02-20 10:00', '2026-03-02 03:00', '2026-03-02 10:00', '2026-03-05 23:30'];
    const rules = new Set<string>();
    for (const staffId of staffIds)
      for (const lockId of lockIds)
        for (const time of times)
          for (const reason of explain(index, staffId, lockId, stockholm(time)).reasons) {
            rules.add(reason.rule);
            for (const language of ['sv', 'en'] as const) {
              const text = renderReason(reason, language);
              expect(text).toMatch(/^\S.{20,}\.$/);
              expect(text).not.toMatch(/undefined|null|\[object/);
            }
          }
    expect(rules.size).toBeGreaterThanOrEqual(12);
  });

  it('follow Accept-Language: Swedish by default, English when preferred', () => {
    expect(pickExplanationLanguage(undefined)).toBe('sv');
    expect(pickExplanationLanguage('')).toBe('sv');
    expect(pickExplanationLanguage('en')).toBe('en');
    expect(pickExplanationLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(pickExplanationLanguage('sv-SE,sv;q=0.9,en;q=0.8')).toBe('sv');
    expect(pickExplanationLanguage('de,en;q=0.5')).toBe('en');
    expect(pickExplanationLanguage('en;q=0.4,sv;q=0.6')).toBe('sv');
    expect(pickExplanationLanguage('fr')).toBe('sv');
  });
});
