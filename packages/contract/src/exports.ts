// Exports (issue #15 item 2, docs/exports.md): the registry, permissions as granted, events and
// visits of a period as CSV or JSON, each exactly as far as the caller's scope reaches.
import { Type, type Static } from 'typebox';
import { timestamp } from './schema-parts';

/** What can be exported; each is one route `GET /api/v1/exports/{what}`. */
export const exportSubjects = ['registry', 'permissions', 'events', 'visits'] as const;
export type ExportSubject = (typeof exportSubjects)[number];

export const exportFormats = ['json', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const ExportParams = Type.Object({ what: Type.Enum([...exportSubjects]) });

/** `from` inclusive, `to` exclusive (events and visits); `kind` picks one CSV of a registry export. */
export const ExportQuery = Type.Object(
  {
    format: Type.Optional(Type.Enum([...exportFormats])),
    from: Type.Optional(timestamp()),
    to: Type.Optional(timestamp()),
    kind: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

export const ExportCountQuery = Type.Object(
  { from: Type.Optional(timestamp()), to: Type.Optional(timestamp()) },
  { additionalProperties: false },
);

/** How many rows an export holds for the caller, in total and per part (a registry's entity kinds). */
export const ExportCount = Type.Object({
  what: Type.Enum([...exportSubjects]),
  total: Type.Integer({ minimum: 0 }),
  parts: Type.Array(Type.Object({ kind: Type.String(), total: Type.Integer({ minimum: 0 }) })),
});
export type ExportCount = Static<typeof ExportCount>;
