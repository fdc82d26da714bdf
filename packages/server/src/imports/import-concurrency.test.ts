// A long import must not hold up other work (docs/imports.md "Matching, dry run and applying",
// docs/event-log.md "Audit trail"): logins in its own municipality and in another one complete
// while the import is still applying its rows. It used to hold its municipality's audit chain row
// from its first row to its commit, so a login there waited for the whole import, and every
// login of any municipality waited behind that one in the audit trail's shared group writer.
// The import is held open mid-way by its progress hook (no timing): the assertions are about
// order: the logins finish while the import is held, before it goes on to commit.
import { findUserByUsername, verifyAuditTrail } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, testPassword, type TestServer } from '../platform/testing';
import { addMunicipality, startTestMunicipality, type TestMunicipality } from '../platform/world.testing';
import { startImport } from './start-import';

const now = new Date('2026-12-15T12:00:00Z');
let server: TestServer;
let home: TestMunicipality;
let other: TestMunicipality;

const customers = Array.from({ length: 12 }, (_, i) => `K${i};N1;Förnamn${i};Efternamn${i}`);
const files = [
  { name: 'omraden.csv', content: 'kod;namn\nN1;Norr' },
  { name: 'kunder.csv', content: ['kund-id;område;förnamn;efternamn', ...customers].join('\n') },
];

beforeAll(async () => {
  ({ server, ...home } = await startTestMunicipality({ now: () => now }));
  other = await addMunicipality(server);
}, 120_000);
afterAll(async () => server.close());

/** Whether a session of the test database is waiting for a lock another one holds. */
async function isSessionWaitingForLock(): Promise<boolean> {
  const { rows } = await server.db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0`,
  );
  return rows[0]!.n > 0;
}

/** Settles when `work` has, or as soon as some session waits for a lock (then `work` is stuck). */
async function settleOrWaitForLock(work: Promise<unknown>): Promise<void> {
  let isSettled = false;
  void work.finally(() => (isSettled = true));
  while (!isSettled && !(await isSessionWaitingForLock()))
    await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('an import applying its rows', () => {
  it('lets logins of its own and of another municipality finish before it commits', async () => {
    const adminName = await home.createUser('municipality_admin');
    const user = (await findUserByUsername(server.db.pool, adminName))!;
    const sameName = await home.createUser('auditor');
    const otherName = await other.createUser('auditor');
    const order: string[] = [];
    const logIn = (username: string, what: string) =>
      new ApiClient(server.url).post('/api/v1/auth/login', { username, password: testPassword }).then((r) => {
        order.push(`${what} ${r.status}`);
      });
    let logins: Promise<unknown> = Promise.resolve();
    const started = await startImport({
      db: server.db.pool,
      actor: {
        kind: 'user',
        id: user.id,
        label: adminName,
        role: 'municipality_admin',
        municipalityId: home.municipalityId,
        providerId: null,
        isReadOnly: false,
      },
      requestId: 'test',
      now,
      input: { files, isDryRun: false },
      // Half-way through, with rows (and their audit entries) written, two people log in.
      onProgress: async (done) => {
        if (done !== 6) return;
        const same = logIn(sameName, 'login here');
        await settleOrWaitForLock(same);
        const elsewhere = logIn(otherName, 'login elsewhere');
        await settleOrWaitForLock(elsewhere);
        logins = Promise.all([same, elsewhere]);
        // The import goes on (and later commits) only now.
        order.push('import goes on');
      },
    });
    await started.done;
    await logins;
    expect(order).toEqual(['login here 200', 'login elsewhere 200', 'import goes on']);
    // Everything was applied, and the trail is whole.
    const { rows } = await server.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE request_id = $1`,
      [`import:${started.importId}`],
    );
    expect(rows[0].n).toBe(1 + customers.length + 1);
    expect((await verifyAuditTrail(server.db.pool, undefined)).findings).toEqual([]);
  });
});
