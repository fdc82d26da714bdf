-- Each webhook attempt says how it ended as a code the console words in the reader's language
-- (docs/webhooks.md "Delivery"): answered (with its HTTP status), timed_out, could_not_connect,
-- tls_failure, name_not_found, address_not_allowed, connection_failed. The network library's
-- error text stays in `error` for the operator and is no longer answered: it told a subscriber
-- which ports were open where. Earlier attempts get the code their text meant.
ALTER TABLE webhook_attempt ADD COLUMN outcome text;
UPDATE webhook_attempt SET outcome = CASE
    WHEN status_code IS NOT NULL THEN 'answered'
    WHEN error LIKE 'timed out%' THEN 'timed_out'
    WHEN error ~ '(ENOTFOUND|EAI_AGAIN|EAI_NODATA|EAI_NONAME)' THEN 'name_not_found'
    WHEN error ~ '(CERT|SSL|TLS)' THEN 'tls_failure'
    WHEN error ~ '(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT)' THEN 'could_not_connect'
    ELSE 'connection_failed'
  END;
ALTER TABLE webhook_attempt ALTER COLUMN outcome SET NOT NULL;
