-- Key cabinets' records at ingest (docs/key-cabinets.md): a take or return record that matches no
-- authorised take is stored as evidence and becomes a finding of its own kind.
ALTER TABLE event_finding DROP CONSTRAINT event_finding_kind_check;
ALTER TABLE event_finding ADD CONSTRAINT event_finding_kind_check CHECK (kind IN ('gap', 'gap_filled',
  'rejected_batch', 'unknown_device', 'conflicting_record', 'altered_record', 'bad_head_signature',
  'broken_chain', 'audit_trail', 'chain-fork', 'missing_record', 'missing_chain', 'head_ledger',
  'unauthorised_cabinet_record'));
