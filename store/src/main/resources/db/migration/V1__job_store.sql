-- The job store: PostgreSQL is the source of truth for every job's state.

CREATE TABLE job (
    id                   uuid        PRIMARY KEY,
    tenant_id            text        NOT NULL,
    request_id           text        NOT NULL,
    -- SHA-256 of the normalised request: the same key with another body is a conflict, not a duplicate
    request_fingerprint  text        NOT NULL,
    project_id           text,
    model                text        NOT NULL,
    input                jsonb       NOT NULL,
    -- POLLING or CALLBACK; NULL until the worker applies the deployment default
    delivery             text,
    source               text        NOT NULL,
    status               text        NOT NULL,
    -- APIXO submissions made so far
    attempts             integer     NOT NULL DEFAULT 0,
    apixo_task_id        text,
    -- status queries made for the current task
    polls                integer     NOT NULL DEFAULT 0,
    -- when a worker should next act on the job; while leased, the lease expiry; NULL when nothing is due
    next_run_at          timestamptz,
    lease_owner          text,
    -- optimistic version, also the fencing token of the current lease
    version              bigint      NOT NULL DEFAULT 0,
    deadline_at          timestamptz,
    callback_token_hash  text,
    callback_received_at timestamptz,
    -- result URLs confirmed by a status query, awaiting download
    result_urls          jsonb,
    fail_code            text,
    fail_msg             text,
    cost_usd             numeric(12, 4),
    accepted_at          timestamptz NOT NULL,
    submitted_at         timestamptz,
    apixo_completed_at   timestamptz,
    finished_at          timestamptz,
    updated_at           timestamptz NOT NULL,
    CONSTRAINT job_request_unique UNIQUE (tenant_id, request_id)
);

-- The scheduler's only access path: due jobs in due order.
CREATE INDEX job_due ON job (next_run_at) WHERE next_run_at IS NOT NULL;
CREATE INDEX job_apixo_task ON job (apixo_task_id) WHERE apixo_task_id IS NOT NULL;
CREATE INDEX job_status ON job (status);

CREATE TABLE job_transition (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id        uuid        NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    -- NULL for the transition that created the job
    from_status   text,
    to_status     text        NOT NULL,
    at            timestamptz NOT NULL,
    attempt       integer     NOT NULL,
    apixo_task_id text,
    reason        text
);
CREATE INDEX job_transition_job ON job_transition (job_id, id);

CREATE TABLE job_output (
    job_id       uuid        NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    idx          integer     NOT NULL,
    original_url text        NOT NULL,
    location     text        NOT NULL,
    size_bytes   bigint      NOT NULL,
    sha256       text        NOT NULL,
    content_type text,
    stored_at    timestamptz NOT NULL,
    PRIMARY KEY (job_id, idx)
);

-- Events written in the same transaction as the state they announce, relayed to Kafka.
CREATE TABLE outbox (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    topic        text        NOT NULL,
    record_key   text,
    payload      text        NOT NULL,
    headers      jsonb,
    created_at   timestamptz NOT NULL,
    published_at timestamptz
);
CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL;

-- Intake records that could not become jobs, and jobs that exhausted their retries.
CREATE TABLE dead_letter (
    id               uuid        PRIMARY KEY,
    kind             text        NOT NULL,
    source_topic     text,
    source_partition integer,
    source_offset    bigint,
    record_key       text,
    payload          text,
    reason           text        NOT NULL,
    job_id           uuid        REFERENCES job (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL,
    redriven_at      timestamptz,
    redrive_count    integer     NOT NULL DEFAULT 0,
    CONSTRAINT dead_letter_record_unique UNIQUE (source_topic, source_partition, source_offset)
);
CREATE INDEX dead_letter_created ON dead_letter (created_at);
