// The Swedish genitive in explanations: "AB:s" after an abbreviation, "Lars" without an added s.
import { describe, expect, it } from 'vitest';
import { renderReason, sayGenitiveSv } from './explain-text';
import type { ReasonParams } from './reason-params';

describe('the Swedish genitive', () => {
  it('adds s to a name ending in another lowercase letter', () => {
    expect(sayGenitiveSv('Anna Berg')).toBe('Anna Bergs');
    expect(sayGenitiveSv('Hemtjänst Nord')).toBe('Hemtjänst Nords');
    expect(sayGenitiveSv('Åsa Ö')).toBe('Åsa Ö:s');
  });

  it('adds nothing to a name ending in s, x or z', () => {
    expect(sayGenitiveSv('Lars')).toBe('Lars');
    expect(sayGenitiveSv('Eva Lindqvist Max')).toBe('Eva Lindqvist Max');
    expect(sayGenitiveSv('Fritz')).toBe('Fritz');
  });

  it('writes :s after an abbreviation, an initial or a number', () => {
    expect(sayGenitiveSv('Trygghetsjouren Mälardalen AB')).toBe('Trygghetsjouren Mälardalen AB:s');
    expect(sayGenitiveSv('SOS')).toBe('SOS:s');
    expect(sayGenitiveSv('Anna K')).toBe('Anna K:s');
    expect(sayGenitiveSv('Natt 3')).toBe('Natt 3:s');
  });
});

describe('an explanation in Swedish', () => {
  const service = {
    kind: 'safety_alarm',
    provider: 'Trygghetsjouren Mälardalen AB',
    windows: 'always',
  } as const;

  it('writes a provider’s genitive after its abbreviation with a colon', () => {
    const params: ReasonParams = {
      staff: 'Lars Öberg',
      provider: 'Trygghetsjouren Mälardalen AB',
      customer: 'Karl Berg',
      service,
      route: {
        kind: 'area',
        team: 'Larm Väst',
        service: 'safety_alarm',
        provider: 'Trygghetsjouren Mälardalen AB',
        district: 'Västerås',
      },
    };
    expect(renderReason({ rule: 'area_rule', params }, 'sv')).toBe(
      'Lars Öberg ingår i team Larm Väst, som får öppna dörrarna hos Trygghetsjouren Mälardalen AB:s kunder med trygghetslarm i Västerås; Karl Berg är en av dem (trygghetslarm från Trygghetsjouren Mälardalen AB, dygnet runt).',
    );
  });

  it('adds no s to a staff member’s or customer’s name ending in s', () => {
    const subject = { kind: 'membership', team: 'Natt Centrum' } as const;
    const params: ReasonParams = {
      staff: 'Jonas',
      subject,
      boundary: '2026-12-01 08:00',
      now: { date: '2026-11-30', time: '10:00' },
    };
    expect(renderReason({ rule: 'membership_not_started', params }, 'sv')).toBe(
      'Jonas medlemskap i team Natt Centrum börjar gälla 2026-12-01 08:00; klockan är 10:00 den 2026-11-30.',
    );
    const ended: ReasonParams = {
      staff: 'Jonas',
      provider: 'Omsorg Plus',
      customer: 'Inez Carlsson Fix',
      date: '2026-12-01',
      period: { from: '2026-01-01', until: '2026-11-30' },
      service: { kind: 'home_care', provider: 'Omsorg Plus', windows: 'always' },
      route: { kind: 'team', team: 'Dag AB' },
    };
    expect(renderReason({ rule: 'service_not_active', params: ended }, 'sv')).toBe(
      'Jonas ingår i team Dag AB, som har hand om Inez Carlsson Fix, men Inez Carlsson Fix hemtjänst från Omsorg Plus gäller inte 2026-12-01 (den gäller 2026-01-01 – 2026-11-30).',
    );
    expect(
      renderReason(
        {
          rule: 'membership_expired',
          params: { ...params, subject: { kind: 'assignment', team: 'Dag AB' } },
        },
        'sv',
      ),
    ).toMatch(/^Team Dag AB:s uppdrag hos/);
  });
});
