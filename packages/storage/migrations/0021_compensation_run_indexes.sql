-- Indexes the monthly compensation run needs at Stockholm scale (npm run bench -- visits: 60
-- providers, 700,000 visits, 2 million lock records a month).
--
-- The run asks, per visit, whether any version of it was a late change (made by the municipality
-- after the month's lock date). Without an index PostgreSQL answered by reading the whole visit
-- table once per provider. Late versions are rare, so the index is small and derivation never
-- touches it.
CREATE INDEX visit_late ON visit (visit_id) WHERE is_late;

-- The exceptions queue looks for refused attempts at customers' doors ("could not get in"): a few
-- per cent of the records. Found through the staff index, each provider's month read about
-- 50,000 heap pages; refused attempts alone are a small index that ingest adds to only for them.
CREATE INDEX device_event_refused ON device_event (municipality_id, occurred_at) WHERE kind = 1 AND result = 1;
