-- A person may work for two providers: identity numbers are unique per provider, not per
-- municipality (which also kept a work lead from learning, by a conflict, that someone works
-- for another provider).
ALTER TABLE staff_member DROP CONSTRAINT staff_member_municipality_id_identity_number_lookup_key;
ALTER TABLE staff_member ADD CONSTRAINT staff_member_provider_identity_number UNIQUE (provider_id, identity_number_lookup);

-- District codes are compared the way people read them.
CREATE UNIQUE INDEX district_code_ci ON district (municipality_id, lower(code));

-- Permission history looks up audit entries by the ids inside before/after.
CREATE INDEX audit_entry_after ON audit_entry USING gin (after jsonb_path_ops);
CREATE INDEX audit_entry_before ON audit_entry USING gin (before jsonb_path_ops);
