-- Webhook signing secrets and source authorization headers are kept encrypted with the master key
-- (AES-256-GCM, "wmenc:v1:<key id>:<base64>", decision 53): longer than the plain values. The rows
-- written before are encrypted by a pass at start (the key is not available to SQL).
ALTER TABLE webhooks ALTER COLUMN secret SET DATA TYPE VARCHAR(400);
ALTER TABLE export_configs ALTER COLUMN webhook_secret SET DATA TYPE VARCHAR(400);
ALTER TABLE sources ALTER COLUMN auth_header SET DATA TYPE VARCHAR(4000);
