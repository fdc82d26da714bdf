-- Deviation plans are approved or rejected by the municipality with a reason and a date (R9.3,
-- R8.3; docs/backup-keys.md). 0029 kept the approval and the rejection's reason; this adds who
-- rejected and when, a note an approval may carry, and that a plan is decided once.
ALTER TABLE deviation_plan
  ADD COLUMN rejected_by text,
  ADD COLUMN rejected_at timestamptz,
  ADD COLUMN approval_note text,
  ADD CONSTRAINT deviation_plan_decided_once CHECK (approved_at IS NULL OR rejected_at IS NULL),
  ADD CONSTRAINT deviation_plan_rejection CHECK (
    (rejected_at IS NULL) = (rejected_by IS NULL) AND (rejected_at IS NULL OR rejected_reason IS NOT NULL));

-- Keys held over time (R11.2) are counted per month end from these dates.
CREATE INDEX backup_key_held_dates ON backup_key (municipality_id, received_on, returned_on);
