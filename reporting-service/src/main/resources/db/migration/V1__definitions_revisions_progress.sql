-- Every version of every plan and indicator definition, and every report revision, each with the
-- instant it was made or received, so that progress can be computed as of any instant.
create table plan_version (
    plan_id      varchar(64)  not null,
    version      integer      not null,
    definition   text,
    deleted      boolean      not null,
    received_at  timestamptz  not null,
    primary key (plan_id, version)
);

create table indicator_version (
    indicator_id  varchar(64)  not null,
    version       integer      not null,
    plan_id       varchar(64),
    time_zone     varchar(64),
    node_path     text,
    benchmark     varchar(64),
    subject       varchar(64),
    definition    text,
    deleted       boolean      not null,
    received_at   timestamptz  not null,
    primary key (indicator_id, version)
);

create index indicator_version_plan_idx on indicator_version (plan_id);
create index indicator_version_benchmark_idx on indicator_version (benchmark);
create index indicator_version_subject_idx on indicator_version (subject);

create table revision (
    indicator_id  varchar(64)  not null,
    period        varchar(16)  not null,
    revision      integer      not null,
    value         numeric,
    provisional   boolean      not null,
    withdrawn     boolean      not null,
    received_at   timestamptz  not null,
    primary key (indicator_id, period, revision)
);

-- The current progress of each indicator, and every version it had.
create table progress (
    indicator_id  varchar(64)  primary key,
    plan_id       varchar(64),
    version       integer      not null,
    status        varchar(16)  not null,
    document      text         not null,
    updated_at    timestamptz  not null
);

create index progress_plan_idx on progress (plan_id);

create table progress_history (
    indicator_id  varchar(64)  not null,
    version       integer      not null,
    status        varchar(16)  not null,
    cause         varchar(16)  not null,
    document      text         not null,
    computed_at   timestamptz  not null,
    primary key (indicator_id, version)
);

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
