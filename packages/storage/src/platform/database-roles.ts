// Database roles (docs/operations.md "Database roles"): the application connects as
// `portvakt_app`, which owns nothing and holds only the DML it needs (append-only tables get
// INSERT and SELECT); migrations run as `portvakt_owner`, which owns the schema. With the
// embedded PostgreSQL (and in tests) Portvakt creates both roles itself with the cluster's
// superuser; with an external PostgreSQL the DBA does (or Portvakt does, given a superuser
// MIGRATION_DATABASE_URL).
import pg from 'pg';

export const ownerRole = 'portvakt_owner';
export const appRole = 'portvakt_app';

/** `url` with another user and password. */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

const duplicateErrors = new Set(['42710', '23505', 'XX000']);

/**
 * Creates the owner (NOLOGIN) and app (LOGIN, no superuser, no role or database creation) roles
 * unless they exist, and sets the app role's password. Needs a superuser or CREATEROLE login.
 */
export async function ensureRoles(adminUrl: string, appPassword: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const password = client.escapeLiteral(appPassword);
    const statements = [
      [
        ownerRole,
        `CREATE ROLE ${ownerRole} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`,
      ],
      [
        appRole,
        `CREATE ROLE ${appRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${password}`,
      ],
    ] as const;
    for (const [role, create] of statements) {
      const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (rowCount) continue;
      // Two processes (test workers, a server and a CLI command) may race to create it.
      await client.query(create).catch((error: { code?: string }) => {
        if (!duplicateErrors.has(error.code ?? '')) throw error;
      });
    }
    // Always (re)set it: the password file is the truth, also for a cluster restored from elsewhere.
    await client
      .query(`ALTER ROLE ${appRole} LOGIN PASSWORD ${password}`)
      .catch((error: { code?: string }) => {
        if (!duplicateErrors.has(error.code ?? '')) throw error;
      });
  } finally {
    await client.end();
  }
}
