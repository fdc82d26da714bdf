// Where a receiver's address leads, and the lookup a delivery connects through (docs/webhooks.md
// "Receiver URL"): internal addresses are refused whether written in the URL or answered by DNS,
// also when DNS answers differently on a later delivery (rebinding).
import type { LookupAddress } from 'node:dns';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  createReceiverLookup,
  isReceiverHostAllowed,
  readAddressReach,
  ReceiverAddressRefused,
  type ResolveName,
} from './webhook-address';
import { startWebhookReceiver } from './webhook-receiver.testing';
import { classifyRequestError } from './webhook-request';

/** Runs a lookup as a socket does (Node's happy eyeballs asks for all addresses). */
function lookUp(lookup: ReturnType<typeof createReceiverLookup>, hostname: string, all = true) {
  return new Promise<{ error: Error | null; addresses: unknown }>((resolve) =>
    lookup(hostname, { all }, (error, addresses) => resolve({ error, addresses })),
  );
}

/** A resolver answering each call with the next of `answers` (the last one from then on). */
function resolverAnswering(...answers: string[][]): ResolveName {
  let call = 0;
  return (_hostname, _options, callback) => {
    const answer = answers[Math.min(call++, answers.length - 1)]!;
    callback(
      null,
      answer.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
}

describe('receiver addresses', () => {
  it('reads only global unicast as the internet', () => {
    const reaches = Object.fromEntries(
      [
        '127.0.0.1',
        '127.8.9.10',
        '[::1]',
        '::ffff:127.0.0.1',
        '[::ffff:7f00:1]',
        '10.0.0.5',
        '172.16.0.1',
        '192.168.1.1',
        '100.64.0.1',
        '169.254.169.254',
        '[fe80::1]',
        '[fd00::1]',
        '0.0.0.0',
        '[::]',
        '224.0.0.1',
        '93.184.215.14',
        '[2606:4700::1111]',
        'receiver.example.org',
        '1',
      ].map((host) => [host, readAddressReach(host)]),
    );
    expect(reaches).toEqual({
      '127.0.0.1': 'loopback',
      '127.8.9.10': 'loopback',
      '[::1]': 'loopback',
      '::ffff:127.0.0.1': 'loopback',
      '[::ffff:7f00:1]': 'loopback',
      '10.0.0.5': 'internal',
      '172.16.0.1': 'internal',
      '192.168.1.1': 'internal',
      '100.64.0.1': 'internal',
      '169.254.169.254': 'internal',
      '[fe80::1]': 'internal',
      '[fd00::1]': 'internal',
      '0.0.0.0': 'internal',
      '[::]': 'internal',
      '224.0.0.1': 'internal',
      '93.184.215.14': 'public',
      '[2606:4700::1111]': 'public',
      'receiver.example.org': null,
      '1': null,
    });
    expect(isReceiverHostAllowed('localhost', false)).toBe(false);
    expect(isReceiverHostAllowed('localhost', true)).toBe(true);
    expect(isReceiverHostAllowed('10.0.0.5', true)).toBe(false);
    expect(isReceiverHostAllowed('receiver.example.org', false)).toBe(true);
  });

  it('refuses a name that resolves inside, also when it did not the first time (rebinding)', async () => {
    const rebinding = createReceiverLookup(false, resolverAnswering(['93.184.215.14'], ['127.0.0.1']));
    expect(await lookUp(rebinding, 'receiver.example.org')).toEqual({
      error: null,
      addresses: [{ address: '93.184.215.14', family: 4 }],
    });
    const second = await lookUp(rebinding, 'receiver.example.org');
    expect(second.error).toBeInstanceOf(ReceiverAddressRefused);
    // One internal address among public ones refuses the name.
    const mixed = createReceiverLookup(false, resolverAnswering(['93.184.215.14', '10.0.0.5']));
    expect((await lookUp(mixed, 'receiver.example.org')).error).toBeInstanceOf(ReceiverAddressRefused);
    const metadata = createReceiverLookup(true, resolverAnswering(['169.254.169.254']));
    expect((await lookUp(metadata, 'metadata.example.org')).error).toBeInstanceOf(ReceiverAddressRefused);
    // A socket that asks for one address gets the first.
    const single = createReceiverLookup(false, resolverAnswering(['2606:4700::1111']));
    const one = await new Promise<unknown[]>((resolve) =>
      single('receiver.example.org', {}, (...answer) => resolve(answer)),
    );
    expect(one).toEqual([null, '2606:4700::1111', 6]);
  });

  it('checks what the system resolver answers: localhost is this machine', async () => {
    expect((await lookUp(createReceiverLookup(false), 'localhost')).error).toBeInstanceOf(
      ReceiverAddressRefused,
    );
    const allowed = await lookUp(createReceiverLookup(true), 'localhost');
    expect(allowed.error).toBeNull();
    expect((allowed.addresses as LookupAddress[]).map(({ address }) => readAddressReach(address))).toEqual(
      (allowed.addresses as LookupAddress[]).map(() => 'loopback'),
    );
  });

  it('keeps a socket off a receiver whose name resolves to this machine', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { port } = new URL(receiver.url);
      const toLoopback = createReceiverLookup(false, resolverAnswering(['127.0.0.1']));
      const outcome = await new Promise<unknown>((resolve) => {
        const outgoing = request(
          `http://receiver.example.org:${port}/hooks`,
          { method: 'POST', agent: false, lookup: toLoopback },
          () => resolve('answered'),
        );
        outgoing.on('error', (error) => resolve(classifyRequestError(error)));
        outgoing.end('{}');
      });
      expect(outcome).toBe('address_not_allowed');
      expect(receiver.received).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
