-- What writing a visit costs ingest (docs/visits.md "Derivation"; npm run bench -- visits).
--
-- The foreign key to the customer checked every new visit with a row lock on its customer
-- (SELECT … FOR KEY SHARE: a write to the customer's row for each visit). What it protected is a
-- customer with visits being deleted; a trigger on customer now refuses that, with the same
-- error a foreign key gives (the API answers 409 still_referenced), and costs nothing at ingest.
-- Derivation takes customers from the registry in ingest's own transaction, and registration
-- checks them first (visit-checks.ts).
ALTER TABLE visit DROP CONSTRAINT visit_customer_id_fkey;

CREATE FUNCTION customer_keep_visits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM visit WHERE customer_id = OLD.id AND superseded_at IS NULL) THEN
    RAISE foreign_key_violation USING
      MESSAGE = 'update or delete on table "customer" violates a visit''s reference to it',
      DETAIL = format('Key (id)=(%s) is still referenced from table "visit".', OLD.id);
  END IF;
  RETURN OLD;
END;
$$;
CREATE TRIGGER customer_keep_visits BEFORE DELETE ON customer
  FOR EACH ROW EXECUTE FUNCTION customer_keep_visits();

-- One current version per visit is already guaranteed without it: a correction supersedes the
-- version it names (`superseded_at IS NULL`, under the row's lock) and adds version + 1 in one
-- statement, and the primary key (visit_id, version) refuses a second version + 1. Lookups by
-- visit id use the primary key.
DROP INDEX visit_current;
