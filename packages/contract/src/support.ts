// Support, emergency opening, key cabinets, backup keys, deviation plans and key returns (R9,
// R8.3, R11.2; docs/support.md, docs/backup-keys.md). The enumerations come from core (re-exported
// by index.ts); the shapes of each capability's answers are added beside them by that capability.
import { Type } from 'typebox';

const timeOfDay = () =>
  Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, local time.' });

/** The municipality settings of support (PATCH /api/v1/municipality). */
export const supportSettingsProperties = {
  supportHours: Type.Optional(
    Type.Object(
      {
        from: timeOfDay(),
        until: Type.String({
          pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$',
          description: 'HH:MM, local time, after `from`; 24:00 keeps support open to midnight.',
        }),
        weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
          minItems: 1,
          maxItems: 7,
          uniqueItems: true,
          description: 'ISO weekdays with support, 1 = Monday.',
        }),
      },
      {
        additionalProperties: false,
        description: 'Support hours (default 08:00–17:00 Monday–Friday, closed on Swedish public holidays).',
      },
    ),
  ),
  emergencySlaMinutes: Type.Optional(
    Type.Integer({
      minimum: 10,
      maximum: 480,
      description: 'Minutes from a locksmith’s assignment to on site (default 60, R9.2).',
    }),
  ),
  keyOutLimitMinutes: Type.Optional(
    Type.Integer({
      minimum: 15,
      maximum: 10080,
      description: 'How long a backup key may be out of its cabinet before it is flagged (default 240).',
    }),
  ),
  roundTheClockSupportSince: Type.Optional(
    Type.Union([Type.String({ format: 'date' }), Type.Null()], {
      description: 'The day round-the-clock support was established (R8.3), or null.',
    }),
  ),
};
