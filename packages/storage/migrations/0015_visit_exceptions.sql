-- The exceptions queue's resolutions (R5.3, issue #11; docs/visits.md "Exceptions"). Exceptions
-- themselves are computed from visits, planned visits and refused attempts whenever they are
-- read; what a person decided about one is kept here, keyed by the exception's stable key (which
-- names the visit version, so a later correction raises the exception anew).
CREATE TABLE visit_exception_resolution (
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  provider_id uuid NOT NULL REFERENCES provider(id),
  exception_key text NOT NULL,
  code text NOT NULL,
  resolution text NOT NULL CHECK (resolution IN ('confirmed')),
  reason text NOT NULL,
  resolved_by text NOT NULL,
  resolved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider_id, exception_key)
);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portvakt_app') THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON visit_exception_resolution FROM portvakt_app;
  END IF;
END
$$;
