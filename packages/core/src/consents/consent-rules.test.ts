import { describe, expect, it } from 'vitest';
import {
  checkContactLogTime,
  isReminderDue,
  linkExpiry,
  readConsentSettings,
  statusWhenAnswered,
  statusWhenAsked,
  statusWhenReminded,
} from './consent-rules';

const at = new Date('2027-03-01T08:00:00Z');
const settings = readConsentSettings({});

describe('entrance consent statuses (R7.1)', () => {
  it('asking again never undoes a consent given', () => {
    expect(statusWhenAsked('not_asked')).toBe('asked');
    expect(statusWhenAsked('declined')).toBe('asked');
    expect(statusWhenAsked('withdrawn')).toBe('asked');
    expect(statusWhenAsked('consented')).toBe('consented');
  });

  it('reminds only entrances still waiting', () => {
    expect(statusWhenReminded('asked')).toBe('reminded');
    expect(statusWhenReminded('reminded')).toBe('reminded');
    expect(statusWhenReminded('consented')).toBe('consented');
    expect(statusWhenReminded('declined')).toBe('declined');
  });

  it('turns a no after a yes into a withdrawal', () => {
    expect(statusWhenAnswered('asked', 'consented')).toBe('consented');
    expect(statusWhenAnswered('reminded', 'declined')).toBe('declined');
    expect(statusWhenAnswered('consented', 'declined')).toBe('withdrawn');
    expect(statusWhenAnswered('withdrawn', 'consented')).toBe('consented');
  });
});

describe('links and reminders', () => {
  it('uses the defaults (30 and 14 days) unless the municipality set its own', () => {
    expect(settings).toEqual({ linkDays: 30, reminderDays: 14 });
    expect(readConsentSettings({ consentLinkDays: 10, consentReminderDays: 3 })).toEqual({
      linkDays: 10,
      reminderDays: 3,
    });
    expect(readConsentSettings({ consentLinkDays: -1, consentReminderDays: 'x' })).toEqual(settings);
    expect(linkExpiry(at, settings).toISOString()).toBe('2027-03-31T08:00:00.000Z');
  });

  it('is due after the reminder days without an answer, at most twice', () => {
    const request = { answeredAt: null, lastSentAt: at, reminderCount: 0 };
    const day = 86_400_000;
    expect(isReminderDue(request, new Date(at.getTime() + 13 * day), settings)).toBe(false);
    expect(isReminderDue(request, new Date(at.getTime() + 14 * day), settings)).toBe(true);
    expect(isReminderDue({ ...request, reminderCount: 2 }, new Date(at.getTime() + 30 * day), settings)).toBe(
      false,
    );
    expect(isReminderDue({ ...request, answeredAt: at }, new Date(at.getTime() + 30 * day), settings)).toBe(
      false,
    );
  });
});

describe('contact-log times', () => {
  it('refuses a contact after now, allowing a console clock a minute ahead', () => {
    expect(checkContactLogTime(at, at)).toBeNull();
    expect(checkContactLogTime(new Date('1900-05-01T00:00:00Z'), at)).toBeNull();
    expect(checkContactLogTime(new Date(at.getTime() + 60_000), at)).toBeNull();
    expect(checkContactLogTime(new Date(at.getTime() + 60_001), at)).toEqual({
      code: 'date_in_future',
      field: 'at',
      message: 'The time 2027-03-01T08:01:00.001Z is after now (2027-03-01T08:00:00.000Z).',
    });
    expect(checkContactLogTime(new Date('2099-05-01T00:00:00Z'), at)?.code).toBe('date_in_future');
  });
});
