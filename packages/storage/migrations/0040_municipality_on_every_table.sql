-- Ready to shard by municipality (issue #16 item 5, docs/sharding.md): every table that holds one
-- municipality's data carries municipality_id, so a distributed database (Citus) can place each
-- row on its municipality's shard and route each query to one shard. These tables reached their
-- municipality only through a parent row; the column is backfilled from that parent.
--
-- Until every insert names the column, a trigger fills it from the parent when it is left out,
-- so writers keep working unchanged; `npm run sharding:check` lists the inserts still relying on it.
CREATE FUNCTION fill_municipality_from_parent() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  -- TG_ARGV: parent table, parent key column, this row's column pointing at the parent.
  parent_table text := TG_ARGV[0];
  parent_key text := TG_ARGV[1];
  child_column text := TG_ARGV[2];
  parent_value text;
BEGIN
  IF NEW.municipality_id IS NULL THEN
    parent_value := to_jsonb(NEW) ->> child_column;
    EXECUTE format('SELECT municipality_id FROM %I WHERE %I::text = $1', parent_table, parent_key)
      INTO NEW.municipality_id USING parent_value;
  END IF;
  RETURN NEW;
END;
$$;

DO $$
DECLARE
  -- child table, child column, parent table, parent key
  link text[];
BEGIN
  FOREACH link SLICE 1 IN ARRAY ARRAY[
    ['access_path_step', 'customer_id', 'customer', 'id'],
    ['backup_key_receipt', 'backup_key_id', 'backup_key', 'id'],
    ['compensation_line', 'run_id', 'compensation_run', 'id'],
    ['device_gap', 'device_id', 'device_chain', 'device_id'],
    ['device_nonce', 'device_id', 'device_enrolment', 'id'],
    ['emergency_arrival_link', 'emergency_opening_id', 'emergency_opening', 'id'],
    ['key_credential', 'digital_key_id', 'digital_key', 'id'],
    ['lock_block_list_report', 'lock_device_id', 'lock_device', 'id'],
    ['passkey_credential', 'user_id', 'user_account', 'id'],
    ['passkey_enrolment', 'user_id', 'user_account', 'id'],
    ['pin_reset_code', 'digital_key_id', 'digital_key', 'id'],
    ['support_case_note', 'support_case_id', 'support_case', 'id'],
    ['user_session', 'user_id', 'user_account', 'id'],
    ['webhook_delivery', 'subscription_id', 'webhook_subscription', 'id'],
    ['webhook_attempt', 'delivery_id', 'webhook_delivery', 'id'],
    ['webhook_condition', 'lock_device_id', 'lock_device', 'id'],
    ['work_order_transition', 'work_order_id', 'work_order', 'id']
  ]
  LOOP
    EXECUTE format('ALTER TABLE %I ADD COLUMN municipality_id uuid REFERENCES municipality (id)', link[1]);
    EXECUTE format(
      'UPDATE %I c SET municipality_id = p.municipality_id FROM %I p WHERE p.%I = c.%I',
      link[1], link[3], link[4], link[2]);
    EXECUTE format(
      'CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION fill_municipality_from_parent(%L, %L, %L)',
      link[1] || '_fills_municipality', link[1], link[3], link[4], link[2]);
  END LOOP;
END;
$$;

-- A replay nonce or a found gap whose device is no longer known protects nothing: the device can
-- no longer sign in, and its chain is gone. Every other table's rows all had a parent (NOT NULL
-- foreign keys), so only these two can hold rows without a municipality.
DELETE FROM device_nonce WHERE municipality_id IS NULL;
DELETE FROM device_gap WHERE municipality_id IS NULL;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['access_path_step', 'backup_key_receipt', 'compensation_line', 'device_gap',
    'device_nonce', 'emergency_arrival_link', 'key_credential', 'lock_block_list_report',
    'passkey_credential', 'passkey_enrolment', 'pin_reset_code', 'support_case_note', 'user_session',
    'webhook_delivery', 'webhook_attempt', 'webhook_condition', 'work_order_transition']
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN municipality_id SET NOT NULL', t);
  END LOOP;
END;
$$;
