// The loopback to simulated locks, hosted in the server process for tests and the demo only
// (docs/device-gateway.md "Simulated locks"): a WebSocket at /lock-sim/{lockId} whose frames the
// given host answers with its simulated lock (the host lives in @portvakt/devices, which the
// server does not depend on: the caller that starts the server passes it in). Never registered
// unless a host is passed; `portvakt start` passes one only with --lock-sim, which it refuses in
// production.
import websocket, { type WebSocket } from '@fastify/websocket';
import { maxLockLinkFrameBytes } from '@portvakt/protocol';
import type { FastifyInstance } from 'fastify';

/** What answers a socket for a simulated lock (the devices package's LockSimHost is one). */
export interface LockLoopback {
  serve(socket: WebSocket, lockId: string): void;
}

/** The path simulated locks are served at; `:lockId` is the lock's registry id. */
export const lockLoopbackRoute = '/lock-sim/:lockId';

export async function registerLockLoopback(app: FastifyInstance, loopback: LockLoopback): Promise<void> {
  await app.register(websocket, { options: { maxPayload: maxLockLinkFrameBytes } });
  app.get<{ Params: { lockId: string } }>(
    lockLoopbackRoute,
    // Like a lock's radio, the socket is open to anyone in reach: the lock itself checks every
    // message (tickets, signatures, block list), so there is nothing to authenticate here.
    { websocket: true, config: { isPublic: true }, schema: { hide: true } },
    (socket, request) => loopback.serve(socket, request.params.lockId),
  );
}
