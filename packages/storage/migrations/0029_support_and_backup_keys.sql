-- Support, emergency opening, backup keys, key cabinets, deviation plans and key returns (issue
-- #13: R9.1–R9.3, R8.3, R6.2 key receipt, R11.2). The support hours, the round-the-clock support
-- date, the SLA minutes and the key-out limit are municipality settings (municipality.settings:
-- supportHours, roundTheClockSupportSince, emergencySlaMinutes, keyOutLimitMinutes; rules and
-- defaults in core/src/support/support-settings.ts).

-- Locksmith companies contracted for emergency opening, and whom to call when on call.
ALTER TABLE locksmith_company ADD COLUMN is_emergency_contracted boolean NOT NULL DEFAULT false;
CREATE TABLE locksmith_on_call_contact (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  locksmith_company_id uuid NOT NULL REFERENCES locksmith_company(id),
  name text NOT NULL,
  phone text NOT NULL,
  email text,
  -- Who is called first: 1, 2, 3 …
  call_order integer NOT NULL DEFAULT 1 CHECK (call_order BETWEEN 1 AND 99),
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz
);
CREATE INDEX locksmith_on_call_company ON locksmith_on_call_contact (locksmith_company_id);

-- A support case (R9.1). Who raised it decides who else may read it: the raiser's provider
-- (staff, work leads), property owner or locksmith company; support and the municipality see all.
CREATE SEQUENCE support_case_number;
CREATE TABLE support_case (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  -- Human reference, e.g. SUP-2027-000042.
  reference text NOT NULL,
  category text NOT NULL CHECK (category IN ('lock_fault', 'key_fault', 'cannot_get_in', 'battery',
    'property_owner_question', 'other')),
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'waiting', 'resolved', 'closed')),
  title text NOT NULL,
  description text,
  -- Raised outside support hours as an emergency opening (the only case allowed then).
  is_emergency boolean NOT NULL DEFAULT false,
  raised_by_user_id uuid REFERENCES user_account(id),
  raised_by text NOT NULL,
  raised_by_role text NOT NULL,
  -- The raiser's organisation, for scope: provider (staff, work lead), owner, locksmith company.
  provider_id uuid REFERENCES provider(id),
  property_owner_id uuid REFERENCES property_owner(id),
  locksmith_company_id uuid REFERENCES locksmith_company(id),
  assigned_user_id uuid REFERENCES user_account(id),
  -- What it is about (any of them, or none).
  lock_device_id uuid REFERENCES lock_device(id),
  digital_key_id uuid REFERENCES digital_key(id),
  door_id uuid REFERENCES door(id),
  customer_id uuid REFERENCES customer(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (municipality_id, reference),
  -- Property owners never attach a customer (R2.7).
  CHECK (property_owner_id IS NULL OR customer_id IS NULL)
);
CREATE INDEX support_case_status ON support_case (municipality_id, status, created_at DESC);
CREATE INDEX support_case_provider ON support_case (provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX support_case_owner ON support_case (property_owner_id) WHERE property_owner_id IS NOT NULL;
CREATE INDEX support_case_customer ON support_case (customer_id) WHERE customer_id IS NOT NULL;

-- The case's timeline: notes and changes of status, priority or assignee. Never changed.
CREATE TABLE support_case_note (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  support_case_id uuid NOT NULL REFERENCES support_case(id),
  kind text NOT NULL CHECK (kind IN ('note', 'status', 'priority', 'assignee', 'link')),
  body text NOT NULL,
  from_value text,
  to_value text,
  author_user_id uuid REFERENCES user_account(id),
  author text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_case_note_case ON support_case_note (support_case_id, id);

-- Emergency opening (R9.2): staff cannot get in; a contracted locksmith must be on site within
-- the SLA (60 minutes) of the assignment.
CREATE TABLE emergency_opening (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  support_case_id uuid NOT NULL UNIQUE REFERENCES support_case(id),
  customer_id uuid REFERENCES customer(id),
  door_id uuid NOT NULL REFERENCES door(id),
  lock_device_id uuid REFERENCES lock_device(id),
  -- The provider whose staff stand outside (scope).
  provider_id uuid REFERENCES provider(id),
  reported_at timestamptz NOT NULL,
  reported_by text NOT NULL,
  locksmith_company_id uuid REFERENCES locksmith_company(id),
  assigned_at timestamptz,
  assigned_by text,
  -- The SLA deadline, fixed at assignment from the setting then in force.
  due_at timestamptz,
  on_site_at timestamptz,
  door_opened_at timestamptz,
  closed_at timestamptz,
  -- What went wrong, once known.
  cause text CHECK (cause IN ('lock_fault', 'battery', 'key_fault', 'phone_fault', 'other', 'unknown')),
  follow_up_work_order_id uuid REFERENCES work_order(id),
  follow_up_case_id uuid REFERENCES support_case(id),
  version integer NOT NULL DEFAULT 1,
  CHECK (assigned_at IS NULL OR (locksmith_company_id IS NOT NULL AND due_at IS NOT NULL)),
  CHECK (on_site_at IS NULL OR assigned_at IS NOT NULL)
);
CREATE INDEX emergency_opening_open ON emergency_opening (municipality_id, reported_at DESC);
CREATE INDEX emergency_opening_company ON emergency_opening (locksmith_company_id, assigned_at);

-- The locksmith's arrival link: single use, only its SHA-256 is stored.
CREATE TABLE emergency_arrival_link (
  token_hash bytea PRIMARY KEY,
  emergency_opening_id uuid NOT NULL REFERENCES emergency_opening(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- What a provider's staff do when they cannot get in digitally (R9.3, R8.3), approved by the
-- municipality. A new plan supersedes the old; both stay.
CREATE TABLE deviation_plan (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  provider_id uuid NOT NULL REFERENCES provider(id),
  body text NOT NULL,
  valid_from date NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  approved_by text,
  approved_at timestamptz,
  rejected_reason text,
  CHECK (approved_at IS NULL OR approved_by IS NOT NULL)
);
CREATE INDEX deviation_plan_provider ON deviation_plan (provider_id, valid_from DESC);

-- A digital key cabinet (R9.3): a device like a lock, enrolled with its own P-256 key (its id is
-- the 16-byte device id in the protocol); it signs take and return records. Held by a provider.
CREATE TABLE key_cabinet (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  provider_id uuid NOT NULL REFERENCES provider(id),
  name text NOT NULL,
  location text,
  slot_count integer NOT NULL CHECK (slot_count BETWEEN 1 AND 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  UNIQUE (municipality_id, name)
);
ALTER TABLE device_enrolment ADD COLUMN key_cabinet_id uuid REFERENCES key_cabinet(id);
ALTER TABLE device_enrolment DROP CONSTRAINT device_enrolment_kind_check;
ALTER TABLE device_enrolment ADD CONSTRAINT device_enrolment_kind_check
  CHECK (kind IN ('lock', 'key', 'phone', 'activation_box', 'sync_station', 'key_cabinet'));
ALTER TABLE device_enrolment ADD CONSTRAINT device_enrolment_key_cabinet
  CHECK ((kind = 'key_cabinet') = (key_cabinet_id IS NOT NULL));
CREATE UNIQUE INDEX device_enrolment_cabinet ON device_enrolment (key_cabinet_id)
  WHERE revoked_at IS NULL AND key_cabinet_id IS NOT NULL;

-- The customer's physical keys a provider holds (R9.3): which door, how many copies, where kept.
CREATE TABLE backup_key (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  customer_id uuid NOT NULL REFERENCES customer(id),
  provider_id uuid NOT NULL REFERENCES provider(id),
  door_id uuid NOT NULL REFERENCES door(id),
  copies integer NOT NULL DEFAULT 1 CHECK (copies BETWEEN 1 AND 20),
  -- Where it is kept: a cabinet slot, or a named safe.
  key_cabinet_id uuid REFERENCES key_cabinet(id),
  slot integer CHECK (slot >= 1),
  safe_name text,
  label text,
  received_on date NOT NULL,
  status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'returned')),
  returned_on date,
  returned_to text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((key_cabinet_id IS NULL) = (slot IS NULL)),
  CHECK (key_cabinet_id IS NOT NULL OR safe_name IS NOT NULL OR status = 'returned'),
  CHECK ((status = 'returned') = (returned_on IS NOT NULL))
);
-- One held key per cabinet slot; a return frees the slot.
CREATE UNIQUE INDEX backup_key_slot ON backup_key (key_cabinet_id, slot) WHERE status = 'held' AND key_cabinet_id IS NOT NULL;
CREATE INDEX backup_key_customer ON backup_key (customer_id);
CREATE INDEX backup_key_provider ON backup_key (provider_id, status);

-- Key receipts (R6.2): the receipt generated for signing, and the signed copy recorded with its
-- date and witness; a return is receipted the same way. Never changed.
CREATE TABLE backup_key_receipt (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  backup_key_id uuid NOT NULL REFERENCES backup_key(id),
  kind text NOT NULL CHECK (kind IN ('received', 'returned')),
  signed_on date NOT NULL,
  signed_by text NOT NULL,
  witnessed_by text NOT NULL,
  -- The scanned signed copy, when one was uploaded (PDF or image).
  document bytea,
  document_type text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX backup_key_receipt_key ON backup_key_receipt (backup_key_id);

-- A take from a cabinet, authorised by the server before the cabinet opens the slot, with its
-- reason; the cabinet's own signed take and return records (the event log) close it.
CREATE TABLE key_cabinet_take (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  key_cabinet_id uuid NOT NULL REFERENCES key_cabinet(id),
  slot integer NOT NULL,
  backup_key_id uuid NOT NULL REFERENCES backup_key(id),
  staff_member_id uuid REFERENCES staff_member(id),
  reason text NOT NULL CHECK (reason IN ('planned', 'lock_fault', 'key_fault', 'phone_fault', 'battery', 'other')),
  reason_text text,
  -- A take whose reason is a digital failure links to (or opens) a support case.
  support_case_id uuid REFERENCES support_case(id),
  authorised_at timestamptz NOT NULL,
  -- Filled from the cabinet's signed records (device, sequence) as they arrive.
  taken_at timestamptz,
  take_sequence bigint,
  returned_at timestamptz,
  return_sequence bigint,
  -- An authorisation the cabinet never used (it expires) or that was withdrawn.
  cancelled_at timestamptz
);
CREATE INDEX key_cabinet_take_slot ON key_cabinet_take (key_cabinet_id, slot, authorised_at DESC);
CREATE INDEX key_cabinet_take_key ON key_cabinet_take (backup_key_id);
CREATE UNIQUE INDEX key_cabinet_take_one_out ON key_cabinet_take (key_cabinet_id, slot) WHERE returned_at IS NULL AND cancelled_at IS NULL;

INSERT INTO app_privilege_limit (table_name, revoked, reason) VALUES
  ('support_case_note', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'a case''s timeline is on record'),
  ('backup_key_receipt', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'R6.2: a signed receipt is on record'),
  ('deviation_plan', ARRAY['DELETE', 'TRUNCATE'], 'a plan is superseded, never deleted'),
  ('backup_key', ARRAY['DELETE', 'TRUNCATE'], 'R11.2: keys held are counted over time; a key is returned, never deleted');
