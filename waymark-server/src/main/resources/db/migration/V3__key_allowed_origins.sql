-- Browser origins allowed to send events with a key (CORS). A key without rows accepts no
-- cross-origin browser requests; server-side clients (no Origin header) are not affected.
CREATE TABLE api_key_origins (
  key_id VARCHAR(36)  NOT NULL REFERENCES api_keys (id),
  origin VARCHAR(255) NOT NULL,
  PRIMARY KEY (key_id, origin)
);
