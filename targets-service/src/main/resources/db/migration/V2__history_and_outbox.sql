-- Every change of a plan or indicator is a version with who, when and why; deletions are kept
-- as versions too (the rows stay, marked deleted, so that a re-created id continues its versions).
-- The outbox holds the events of each change, written in the change's own transaction.

alter table plan add column deleted_at timestamptz;
alter table indicator add column deleted_at timestamptz;

create table plan_version (
    id          bigserial    primary key,
    plan_id     varchar(64)  not null,
    version     integer      not null,
    change      varchar(16)  not null,
    document    text,
    changed_at  timestamptz  not null,
    changed_by  varchar(200) not null,
    reason      varchar(500),
    unique (plan_id, version)
);

create table indicator_version (
    id            bigserial    primary key,
    indicator_id  varchar(64)  not null,
    version       integer      not null,
    plan_id       varchar(64)  not null,
    change        varchar(16)  not null,
    definition    text,
    node_path     text         not null,
    changed_at    timestamptz  not null,
    changed_by    varchar(200) not null,
    reason        varchar(500),
    unique (indicator_id, version)
);

create table outbox (
    id           bigserial    primary key,
    topic        varchar(200) not null,
    message_key  varchar(200) not null,
    event_type   varchar(100) not null,
    event_id     uuid         not null,
    subject      varchar(200) not null,
    occurred_at  timestamptz  not null,
    version      integer      not null,
    payload      text,
    created_at   timestamptz  not null default now()
);
