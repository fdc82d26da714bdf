-- The audit chain's end row is written once per statement instead of once per entry (issue: a
-- long care-system import blocked logins; docs/event-log.md "Audit trail"). Updating the same
-- `audit_chain` row for every entry of one transaction leaves a row version per entry that no one
-- can prune before the commit, and every later lookup of the row walks them all: appending n
-- entries in one transaction took time growing with n² (2,000 entries 0.9 s, 10,000 12 s, 20,000
-- 60 s), all of it with the municipality's chain row locked. Now each entry still locks the chain
-- row (so chain order stays commit order) and takes the previous link from the entry before it:
-- the chain row's end as the previous statement left it, or, within a statement, the entry with
-- the highest position after it (the unique index on (municipality_id, chain_seq)). One AFTER
-- statement trigger then moves the chain row to the statement's last entry. Chain positions and
-- hashes are the same as before, entry for entry; verify-log does not change.
CREATE OR REPLACE FUNCTION audit_entry_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  k text := coalesce(NEW.municipality_id::text, 'global');
  s bigint;
  h bytea;
  later_seq bigint;
  later_hash bytea;
BEGIN
  INSERT INTO audit_chain (scope, municipality_id, last_hash) VALUES (k, NEW.municipality_id, decode(repeat('00', 32), 'hex'))
    ON CONFLICT (scope) DO NOTHING;
  SELECT last_seq, last_hash INTO s, h FROM audit_chain WHERE scope = k FOR UPDATE;
  -- Entries this statement inserted before this one are not in the chain row yet.
  IF NEW.municipality_id IS NULL THEN
    SELECT chain_seq, chain_hash INTO later_seq, later_hash FROM audit_entry
      WHERE municipality_id IS NULL AND chain_seq > s ORDER BY chain_seq DESC LIMIT 1;
  ELSE
    SELECT chain_seq, chain_hash INTO later_seq, later_hash FROM audit_entry
      WHERE municipality_id = NEW.municipality_id AND chain_seq > s ORDER BY chain_seq DESC LIMIT 1;
  END IF;
  IF later_seq IS NOT NULL THEN
    s := later_seq;
    h := later_hash;
  END IF;
  NEW.chain_seq := s + 1;
  NEW.chain_hash := sha256(h || sha256(audit_entry_bytes(NEW)));
  RETURN NEW;
END;
$$;

CREATE FUNCTION audit_entry_chain_end() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE audit_chain c SET last_seq = e.chain_seq, last_hash = e.chain_hash, last_entry_id = e.id, updated_at = now()
  FROM (SELECT DISTINCT ON (coalesce(municipality_id::text, 'global')) coalesce(municipality_id::text, 'global') AS scope,
          chain_seq, chain_hash, id
        FROM new_rows ORDER BY coalesce(municipality_id::text, 'global'), chain_seq DESC) e
  WHERE c.scope = e.scope;
  RETURN NULL;
END;
$$;

CREATE TRIGGER audit_entry_chain_end AFTER INSERT ON audit_entry REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_chain_end();
