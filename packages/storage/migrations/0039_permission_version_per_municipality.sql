-- The permission facts version becomes one row per municipality (issue #16 item 1). With one
-- global row every municipality's permission write updated the same row, so writes of different
-- municipalities waited for each other, and a write in one municipality made every other
-- municipality's cached permission index look stale. Now a write bumps only the municipalities
-- whose facts it changed, inside the writing transaction as before, so a reader still sees the new
-- version exactly when it can see the new facts.
CREATE TABLE municipality_permission_version (
  municipality_id uuid PRIMARY KEY REFERENCES municipality (id) ON DELETE CASCADE,
  version bigint NOT NULL
);
-- Versions only ever grow: each municipality starts from the global version it had.
INSERT INTO municipality_permission_version (municipality_id, version)
SELECT m.id, v.version FROM municipality m CROSS JOIN permission_facts_version v;

DO $$
DECLARE
  fact_table text;
BEGIN
  FOREACH fact_table IN ARRAY ARRAY['customer', 'customer_service', 'provider', 'team', 'team_customer',
    'team_membership', 'staff_member', 'area_rule', 'access_grant', 'shared_door_grant', 'access_path_step',
    'door', 'district']
  LOOP
    EXECUTE format('DROP TRIGGER %I ON %I', fact_table || '_bumps_permissions', fact_table);
  END LOOP;
END;
$$;
DROP TRIGGER lock_device_bumps_permissions ON lock_device;
DROP TRIGGER municipality_bumps_permissions ON municipality;
DROP FUNCTION bump_permission_facts_version();
DROP TABLE permission_facts_version;

-- A new municipality gets its version row with the municipality itself.
CREATE FUNCTION add_municipality_permission_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO municipality_permission_version (municipality_id, version) VALUES (NEW.id, 1);
  RETURN NULL;
END;
$$;
CREATE TRIGGER municipality_adds_permission_version AFTER INSERT ON municipality
  FOR EACH ROW EXECUTE FUNCTION add_municipality_permission_version();

-- Statement triggers with transition tables: a bulk write (an import of thousands of rows) bumps
-- each municipality it touched once, not once per row. Rows are updated in id order, so two
-- statements touching the same municipalities cannot deadlock on their version rows.
CREATE FUNCTION bump_municipality_permission_versions(municipality_ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE municipality_permission_version v SET version = v.version + 1
  FROM (SELECT municipality_id FROM municipality_permission_version
        WHERE municipality_id = ANY (municipality_ids) ORDER BY municipality_id FOR UPDATE) locked
  WHERE v.municipality_id = locked.municipality_id;
$$;

-- Fact tables carry municipality_id, except access_path_step, which belongs to its customer.
CREATE FUNCTION bump_permission_versions_of_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_TABLE_NAME = 'access_path_step' THEN
    IF TG_OP = 'DELETE' THEN
      SELECT array_agg(DISTINCT c.municipality_id) INTO ids FROM old_rows s JOIN customer c ON c.id = s.customer_id;
    ELSIF TG_OP = 'UPDATE' THEN
      SELECT array_agg(DISTINCT c.municipality_id) INTO ids
      FROM (SELECT customer_id FROM old_rows UNION SELECT customer_id FROM new_rows) s
      JOIN customer c ON c.id = s.customer_id;
    ELSE
      SELECT array_agg(DISTINCT c.municipality_id) INTO ids FROM new_rows s JOIN customer c ON c.id = s.customer_id;
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT municipality_id) INTO ids FROM old_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(DISTINCT municipality_id) INTO ids
    FROM (SELECT municipality_id FROM old_rows UNION SELECT municipality_id FROM new_rows) r;
  ELSE
    SELECT array_agg(DISTINCT municipality_id) INTO ids FROM new_rows;
  END IF;
  IF ids IS NOT NULL THEN PERFORM bump_municipality_permission_versions(ids); END IF;
  RETURN NULL;
END;
$$;

-- TRUNCATE has no rows to name: every municipality's index is rebuilt.
CREATE FUNCTION bump_all_permission_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE municipality_permission_version SET version = version + 1;
  RETURN NULL;
END;
$$;

-- PostgreSQL allows transition tables on a trigger for one event only: three triggers per table.
DO $$
DECLARE
  fact_table text;
BEGIN
  FOREACH fact_table IN ARRAY ARRAY['customer', 'customer_service', 'provider', 'team', 'team_customer',
    'team_membership', 'staff_member', 'area_rule', 'access_grant', 'shared_door_grant', 'access_path_step',
    'door', 'district']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION bump_permission_versions_of_rows()', fact_table || '_insert_bumps_permissions', fact_table);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION bump_permission_versions_of_rows()', fact_table || '_update_bumps_permissions', fact_table);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION bump_permission_versions_of_rows()', fact_table || '_delete_bumps_permissions', fact_table);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION bump_all_permission_versions()', fact_table || '_truncate_bumps_permissions', fact_table);
  END LOOP;
END;
$$;

-- Locks report battery levels all day; only what changes who opens what counts. A trigger with a
-- column list cannot have transition tables, so these two are row triggers with a condition
-- (such updates are rare and touch one row).
CREATE FUNCTION bump_permission_version_of_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'municipality' THEN
    PERFORM bump_municipality_permission_versions(ARRAY[NEW.id]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM bump_municipality_permission_versions(ARRAY[OLD.municipality_id]);
  ELSE
    PERFORM bump_municipality_permission_versions(ARRAY[NEW.municipality_id, OLD.municipality_id]);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER lock_device_insert_bumps_permissions AFTER INSERT ON lock_device
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_permission_versions_of_rows();
CREATE TRIGGER lock_device_delete_bumps_permissions AFTER DELETE ON lock_device
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_permission_versions_of_rows();
CREATE TRIGGER lock_device_truncate_bumps_permissions AFTER TRUNCATE ON lock_device
  FOR EACH STATEMENT EXECUTE FUNCTION bump_all_permission_versions();
CREATE TRIGGER lock_device_update_bumps_permissions AFTER UPDATE OF status, door_id, lock_number ON lock_device
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.door_id IS DISTINCT FROM NEW.door_id
        OR OLD.lock_number IS DISTINCT FROM NEW.lock_number)
  EXECUTE FUNCTION bump_permission_version_of_row();
CREATE TRIGGER municipality_bumps_permissions AFTER UPDATE OF settings ON municipality
  FOR EACH ROW WHEN (OLD.settings IS DISTINCT FROM NEW.settings)
  EXECUTE FUNCTION bump_permission_version_of_row();
