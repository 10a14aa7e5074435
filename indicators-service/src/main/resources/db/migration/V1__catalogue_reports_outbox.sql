-- The catalogue: what indicators-service knows of the plan, learned from plan.targets.v1. Rows are
-- replaced only by a newer version, so replaying the topic leaves the same catalogue.
create table catalogue_plan (
    plan_id      varchar(64)  primary key,
    version      integer      not null,
    time_zone    varchar(64),
    window_from  varchar(16),
    window_to    varchar(16),
    deleted      boolean      not null,
    updated_at   timestamptz  not null
);

create table catalogue_indicator (
    indicator_id  varchar(64)  primary key,
    version       integer      not null,
    plan_id       varchar(64),
    time_zone     varchar(64),
    owners        text[]       not null,
    definition    text,
    deleted       boolean      not null,
    updated_at    timestamptz  not null
);

create index catalogue_indicator_owners_idx on catalogue_indicator using gin (owners);

-- Every revision of every reported value, as received.
create table report_revision (
    id                   bigserial     primary key,
    indicator_id         varchar(64)   not null,
    period               varchar(16)   not null,
    revision             integer       not null,
    value                numeric,
    provisional          boolean       not null,
    withdrawn            boolean       not null,
    note                 text,
    reason               text,
    source               text,
    reported_by_dept     varchar(64),
    reported_by_subject  varchar(200)  not null,
    received_at          timestamptz   not null,
    warnings             text[]        not null,
    unique (indicator_id, period, revision)
);

create index report_revision_listing_idx on report_revision (indicator_id, received_at desc, id desc);

-- The latest revision of each period: what a new report is compared with.
create table report_head (
    indicator_id  varchar(64)  not null,
    period        varchar(16)  not null,
    revision      integer      not null,
    value         numeric,
    provisional   boolean      not null,
    withdrawn     boolean      not null,
    note          text,
    primary key (indicator_id, period)
);

-- Responses kept for Idempotency-Key retries, per caller, for 24 hours.
create table idempotency_key (
    caller           varchar(200)  not null,
    idempotency_key  varchar(200)  not null,
    request_hash     varchar(64)   not null,
    response_status  integer       not null,
    response_type    varchar(100)  not null,
    response_body    text          not null,
    created_at       timestamptz   not null,
    expires_at       timestamptz   not null,
    primary key (caller, idempotency_key)
);

create index idempotency_key_expires_idx on idempotency_key (expires_at);

-- Events waiting to be relayed to Kafka, written in the transaction of the change.
create table outbox (
    id           bigserial     primary key,
    topic        varchar(200)  not null,
    message_key  varchar(200)  not null,
    event_type   varchar(100)  not null,
    event_id     uuid          not null,
    subject      varchar(200)  not null,
    occurred_at  timestamptz   not null,
    version      integer       not null,
    payload      text,
    created_at   timestamptz   not null default now()
);
