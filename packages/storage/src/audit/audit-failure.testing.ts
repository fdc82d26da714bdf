// A failing audit insert, for tests that show a change and its audit entry are kept or dropped
// together (one transaction): real PostgreSQL refusing the insert, as a full disk or a lost
// connection would, not a mock.
import type pg from 'pg';

/**
 * Makes every audit entry of `action` fail to insert until the returned `restore` is called (in a
 * `finally`). Needs the superuser: the application's role may not create triggers.
 */
export async function failAuditEntries(superuser: pg.Pool, action: string): Promise<() => Promise<void>> {
  // The action is written into the trigger's definition: a plain word only.
  if (!/^[a-z_]+$/.test(action)) throw new Error(`not an audit action: ${action}`);
  const name = `test_fail_audit_${action}`;
  await superuser.query(`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'test: the audit entry of % cannot be written', NEW.action; END $$;
    CREATE TRIGGER ${name} BEFORE INSERT ON audit_entry FOR EACH ROW
      WHEN (NEW.action = '${action}') EXECUTE FUNCTION ${name}();`);
  return async () => {
    await superuser.query(`DROP TRIGGER ${name} ON audit_entry; DROP FUNCTION ${name}();`);
  };
}
