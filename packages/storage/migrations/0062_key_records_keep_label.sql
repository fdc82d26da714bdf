-- A backup key's takes and receipts are records (docs/backup-keys.md "Labels on record"): each
-- keeps the label the key had when it was made, rather than joining the key's label of today, so a
-- relabel no longer rewrites the cabinet's log or the signed receipt. Rows made before this keep
-- the key's current label: the label they were made with is not on record anywhere, and the
-- current one is what they showed until now.
ALTER TABLE key_cabinet_take ADD COLUMN backup_key_label text;
UPDATE key_cabinet_take t SET backup_key_label = b.label
  FROM backup_key b WHERE b.municipality_id = t.municipality_id AND b.id = t.backup_key_id;
ALTER TABLE backup_key_receipt ADD COLUMN label text;
UPDATE backup_key_receipt r SET label = b.label
  FROM backup_key b WHERE b.municipality_id = r.municipality_id AND b.id = r.backup_key_id;
