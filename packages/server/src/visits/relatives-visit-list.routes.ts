// The visit list for relatives (R4.4) has two routes, the staff's reading it for a relative
// (events/event-reports.routes.ts) and the relative's own (relatives/relatives.routes.ts): the same
// period and format, the same JSON, CSV or PDF answer; only the use case that reads it differs.
import { RelativesVisitList as RelativesVisitListSchema } from '@portvakt/contract';
import { Type, type Static } from 'typebox';
import type { UseCaseCallOptions, UuidRoutes } from '../platform/declare-routes';
import { IdParams } from '../platform/schemas';
import type { RelativesVisitList } from './relatives-visit-list';
import { presentRelativesVisitList } from './relatives-visit-list-files';

/** A day (YYYY-MM-DD, included) or an instant (ISO, `to` excluded). */
const DayOrInstant = Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })]);

const RelativesVisitListQuery = Type.Object(
  {
    from: Type.Optional(DayOrInstant),
    to: Type.Optional(DayOrInstant),
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('pdf')], { default: 'json' }),
    ),
  },
  { additionalProperties: false },
);

/** What the use case reading the list is given: the customer (`:id`) and the query. */
type ReadListOptions = UseCaseCallOptions & {
  input: { customerId: string } & Static<typeof RelativesVisitListQuery>;
};

/** Declares the GET route at `url` (`…/customers/:id/visits`) answering the list `readList` reads. */
export function declareRelativesVisitListRoute(
  routes: UuidRoutes,
  url: string,
  {
    summary,
    readList,
  }: { summary: string; readList: (options: ReadListOptions) => Promise<RelativesVisitList> },
): void {
  routes.get(url, {
    summary,
    params: IdParams,
    querystring: RelativesVisitListQuery,
    response: RelativesVisitListSchema,
    handle: async ({ request, reply, options }) => {
      const { format } = request.query;
      const list = await readList({ ...options, input: { customerId: request.params.id, ...request.query } });
      return presentRelativesVisitList(reply, list, format);
    },
  });
}
