-- Real delivery (SMTP, SMS gateways): the provider's id for a message (SMTP Message-ID, SMSC id) so receipts and
-- bounces can be matched, and the provider's raw answer, kept apart from our own wording in `detail`.
ALTER TABLE deliveries ADD COLUMN provider_id TEXT;
ALTER TABLE deliveries ADD COLUMN provider_reason TEXT;
