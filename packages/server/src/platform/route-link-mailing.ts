// Handlers of use cases that mail a single-use link (a locksmith's arrival link, a relative's
// invitation): the mailer and the links' URL are read for each request, since the URL may be set
// only once the server listens (readLinkMailing), and handed to the use case beside its input.
import { readLinkMailing } from './mail';

/** What such a use case is given besides the request's options and input. */
export type LinkMailing = ReturnType<typeof readLinkMailing>;

/**
 * A handler made for each request by `handlerWith` from the link mailing read then, e.g.
 * `callWithLinkMailing(context, app.log, (mailing) => callUseCase(inviteRelative, inputFrom.body, mailing))`.
 */
export function callWithLinkMailing<Call, Out>(
  context: Parameters<typeof readLinkMailing>[0],
  log: Parameters<typeof readLinkMailing>[1],
  handlerWith: (mailing: LinkMailing) => (call: Call) => Promise<Out>,
): (call: Call) => Promise<Out> {
  return async (call) => handlerWith(readLinkMailing(context, log))(call);
}
