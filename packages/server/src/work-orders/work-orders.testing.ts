// Test support for work orders: a refused call checked to answer its status and code and to
// change nothing that the test's `snapshot` of the order and its surroundings reads.
import { expect } from 'vitest';

type RefusedCall = () => Promise<{ status: number; body: { code?: string } }>;

export function createRefusalCheck(snapshot: (orderId: string) => Promise<unknown>) {
  return async function expectRefused(orderId: string, call: RefusedCall, status: number, code: string) {
    const before = await snapshot(orderId);
    const response = await call();
    expect(response.body.code, JSON.stringify(response.body)).toBe(code);
    expect(response.status).toBe(status);
    expect(await snapshot(orderId)).toEqual(before);
  };
}
