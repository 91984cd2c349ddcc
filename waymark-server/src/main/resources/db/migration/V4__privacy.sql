-- Privacy: erasure requests. A request is also the audit record that an erasure happened: who
-- asked, when, for which user, and the verification report (counts per place, never the data).
CREATE TABLE erasure_requests (
  id           VARCHAR(36)   PRIMARY KEY,
  user_id      VARCHAR(256)  NOT NULL,
  requested_by VARCHAR(200)  NOT NULL,
  requested_at BIGINT        NOT NULL,
  suppress     BOOLEAN       NOT NULL,
  status       VARCHAR(20)   NOT NULL,
  step         VARCHAR(100),
  attempts     INTEGER       NOT NULL,
  updated_at   BIGINT        NOT NULL,
  finished_at  BIGINT,
  error        VARCHAR(2000),
  report       VARCHAR(100000),
  -- The identities being erased (user id and linked anonymous ids), kept only while the request is
  -- open so a retry erases the same ones after the links are gone; cleared when it ends.
  identities   VARCHAR(10000)
);
CREATE INDEX erasure_requests_by_user ON erasure_requests (user_id, requested_at);
CREATE INDEX erasure_requests_by_time ON erasure_requests (requested_at);
