// Where a webhook receiver's address leads (docs/webhooks.md "Receiver URL"): core's rule refuses
// this machine and the server's own network; this tells an address's reach with ipaddr.js (the
// IANA special-purpose ranges) and checks every address a host name resolves to when a delivery
// connects, so a name that resolves to 127.0.0.1 or 10.0.0.5, at once or only later (DNS
// rebinding), is never connected to.
import { lookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { isLoopbackName, isWebhookReachAllowed, type WebhookAddressReach } from '@portvakt/core';
import ipaddr from 'ipaddr.js';

/**
 * The reach of a host that is an IP address (`[::1]` as a URL writes it, or bare), null for a
 * host name. Only global unicast is `public`: private, carrier-grade NAT, link-local (a cloud's
 * metadata service), unique-local, unspecified, multicast, reserved and the IPv6 ranges that carry
 * an IPv4 address inside (mapped, NAT64, 6to4, Teredo) are all `internal`.
 */
export function readAddressReach(host: string): WebhookAddressReach | null {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  // node's isIP is strict; ipaddr.js alone would also read "1" or "0x7f" as addresses.
  if (isIP(bare) === 0) return null;
  // process() reads an IPv4-mapped IPv6 address (::ffff:127.0.0.1) as the IPv4 address it is.
  const range = ipaddr.process(bare).range();
  if (range === 'unicast') return 'public';
  if (range === 'loopback') return 'loopback';
  return 'internal';
}

/** A delivery refused before connecting: the receiver is, or resolves to, a forbidden address. */
export class ReceiverAddressRefused extends Error {
  readonly code = 'PORTVAKT_RECEIVER_ADDRESS_REFUSED';
  constructor(host: string) {
    super(`${host} is or resolves to an address receivers may not have`);
  }
}

/**
 * Whether a delivery may go to `host` as written in the URL; a host name is checked again by
 * `createReceiverLookup` for what it resolves to.
 */
export function isReceiverHostAllowed(host: string, isLoopbackAllowed: boolean): boolean {
  const reach = isLoopbackName(host) ? 'loopback' : readAddressReach(host);
  return reach === null || isWebhookReachAllowed(reach, isLoopbackAllowed);
}

/** Resolves a name to all its addresses, as node:dns `lookup` with `all: true` does. */
export type ResolveName = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const resolveWithSystem: ResolveName = (hostname, options, callback) => lookup(hostname, options, callback);

/**
 * The `lookup` a delivery's socket resolves its host with: the system resolver (`resolve`), then
 * every address it answered checked, so the connection goes only to an allowed address (any
 * forbidden one refuses the whole name: a name that also points inside is not a receiver). It runs
 * on each connection, so a name that resolved to the internet when the webhook was made and to
 * 127.0.0.1 now (DNS rebinding) is refused now.
 */
export function createReceiverLookup(
  isLoopbackAllowed: boolean,
  resolve: ResolveName = resolveWithSystem,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const isAllowed = addresses.every(({ address }) => {
        const reach = readAddressReach(address);
        return reach !== null && isWebhookReachAllowed(reach, isLoopbackAllowed);
      });
      if (!isAllowed || addresses.length === 0) return callback(new ReceiverAddressRefused(hostname), '', 0);
      // With `all` (Node's happy eyeballs asks so) the list, otherwise the first.
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
