-- Keys an enrolment no longer holds (docs/event-log.md "Re-enrolment"). Re-enrolling a device (a
-- new phone for a staff member's phone key, a replaced lock unit, a simulated lock) replaces the
-- enrolment's public key; the device then continues the enrolment's record chain after the last
-- record stored under the old key. The chain heads the old key signed stay in the log, so
-- verify-log must check them with that key: each retired key is kept with the last sequence of
-- its part of the chain (heads up to it were signed by it, later ones by a newer key).
CREATE TABLE device_enrolment_retired_key (
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  enrolment_id uuid NOT NULL,
  public_jwk jsonb NOT NULL,
  -- The chain's last stored sequence when the key was replaced (0: it signed nothing stored).
  up_to_sequence bigint NOT NULL CHECK (up_to_sequence >= 0),
  retired_at timestamptz NOT NULL,
  retired_by text NOT NULL,
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, enrolment_id) REFERENCES device_enrolment (municipality_id, id)
);
CREATE INDEX device_enrolment_retired_key_enrolment ON device_enrolment_retired_key (municipality_id, enrolment_id, up_to_sequence);
