-- Metadata store: accounts and API keys. Runs on H2 (embedded default, PostgreSQL mode) and PostgreSQL.
CREATE TABLE accounts (
  id            VARCHAR(36)  PRIMARY KEY,
  username      VARCHAR(100) NOT NULL UNIQUE,
  password_hash VARCHAR(200) NOT NULL,
  role          VARCHAR(20)  NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  disabled      BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE api_keys (
  id                    VARCHAR(36)  PRIMARY KEY,
  name                  VARCHAR(100) NOT NULL,
  scope                 VARCHAR(20)  NOT NULL,
  key_prefix            VARCHAR(24)  NOT NULL,
  secret_hash           VARCHAR(64)  NOT NULL UNIQUE,
  rate_limit_per_second DOUBLE PRECISION,
  created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_at            TIMESTAMP WITH TIME ZONE
);
