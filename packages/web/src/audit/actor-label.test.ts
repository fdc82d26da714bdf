import {
  auditActorKinds,
  consentReminderJobLabel,
  employmentEndJobLabel,
  retentionJobLabel,
} from '@portvakt/contract';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { sayActorLabel } from './actor-label';

const sv = createTranslator('sv').t;
const en = createTranslator('en').t;

describe('who acted, in the reader’s words', () => {
  it('says the jobs recorded under a code by their names', () => {
    expect(sayActorLabel({ actorLabel: retentionJobLabel, actorKind: 'actor' }, sv)).toBe(
      'Gallringsjobbet (loggar)',
    );
    expect(sayActorLabel({ actorLabel: retentionJobLabel, actorKind: 'actor' }, en)).toBe(
      'The retention job (logs)',
    );
    expect(sayActorLabel({ actorLabel: consentReminderJobLabel }, en)).toBe('The reminder job (consents)');
    expect(sayActorLabel({ actorLabel: employmentEndJobLabel }, sv)).toBe(
      'Anställningsjobbet (spärrar nycklar när anställningen har upphört)',
    );
  });

  it('says a link holder with whose link it was, and without when not recorded', () => {
    const consent = {
      actorLabel: 'Eva Ek, Förvaltare',
      actorKind: 'consent_link',
      actorVia: 'Brf Eken',
    } as const;
    expect(sayActorLabel(consent, sv)).toBe('Eva Ek, Förvaltare via samtyckeslänk från Brf Eken');
    expect(sayActorLabel(consent, en)).toBe('Eva Ek, Förvaltare via the consent link of Brf Eken');
    expect(sayActorLabel({ ...consent, actorVia: null }, en)).toBe('Eva Ek, Förvaltare via a consent link');
    const relative = {
      actorLabel: 'Lena Berg',
      actorKind: 'relative_invitation',
      actorVia: 'Anna Ledare',
    } as const;
    expect(sayActorLabel(relative, sv)).toBe('Lena Berg via anhöriginbjudan från Anna Ledare');
    expect(sayActorLabel(relative, en)).toBe('Lena Berg via a relative invitation from Anna Ledare');
    expect(sayActorLabel({ ...relative, actorVia: null }, sv)).toBe('Lena Berg via anhöriginbjudan');
  });

  it('says every kind the API answers, and a person as recorded', () => {
    for (const actorKind of auditActorKinds)
      expect(sayActorLabel({ actorLabel: 'x', actorKind, actorVia: 'y' }, en)).toContain('x');
    expect(sayActorLabel({ actorLabel: 'Sara Admin', actorKind: 'actor', actorVia: null }, sv)).toBe(
      'Sara Admin',
    );
  });

  it('says a person by the name the API answers, by the username where it answers none', () => {
    const person = { actorLabel: 'admin.portvik', actorKind: 'actor', actorVia: null } as const;
    expect(sayActorLabel({ ...person, actorName: 'Sara Admin' }, sv)).toBe('Sara Admin');
    expect(sayActorLabel({ ...person, actorName: null }, en)).toBe('admin.portvik');
  });
});
