-- An erasure request names its user by pseudonym (docs/privacy.md): the user id itself is kept only
-- until the erasure completes (a failed request keeps it to be retried), then it is cleared and the
-- H2 file is rewritten, so no page of it still holds the id. Runs on H2 and PostgreSQL.
ALTER TABLE erasure_requests ADD COLUMN user_pseudonym VARCHAR(64);
ALTER TABLE erasure_requests ALTER COLUMN user_id DROP NOT NULL;
CREATE INDEX erasure_requests_by_pseudonym ON erasure_requests (user_pseudonym, requested_at);
DROP INDEX erasure_requests_by_user;
