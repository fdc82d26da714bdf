-- Timeline entries the server records as facts, not sentences (docs/support.md "Support cases"):
-- the entry's kind names what happened and `params` holds what the console needs to say it in
-- the reader's language. The first such kind: where an emergency's arrival link was mailed
-- (`arrival_link_mailed`, params {"mailedTo": [...], "mailFailedTo": [...]}). Entries written
-- before stay as written (the timeline is on record); the server reads the old sentence back.
ALTER TABLE support_case_note ADD COLUMN params jsonb;
ALTER TABLE support_case_note DROP CONSTRAINT support_case_note_kind_check;
ALTER TABLE support_case_note ADD CONSTRAINT support_case_note_kind_check
  CHECK (kind IN ('note', 'status', 'priority', 'assignee', 'link', 'arrival_link_mailed'));
