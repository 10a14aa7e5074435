-- The monitoring rounds a plan office published (DESIGN §7, "Rounds"): every version of a round,
-- immutable once published but for its reopening, which an admin records with a reason. A retry
-- of a publication or a reopening finds its own by the caller's Idempotency-Key.
create table round_version (
    plan_id        varchar(64)   not null,
    round          varchar(16)   not null,
    version        integer       not null,
    published_at   timestamptz   not null,
    published_by   varchar(200)  not null,
    published_dept varchar(64),
    publish_key    varchar(401),
    record         text          not null,
    snapshot       text          not null,
    reopened_at    timestamptz,
    reopened_by    varchar(200),
    reopen_reason  text,
    reopen_key     varchar(401),
    primary key (plan_id, round, version)
);

-- The explanations departments give where an indicator lags in a round (DESIGN §7,
-- "Explanations"): every revision kept, with who wrote it and when.
create table explanation (
    indicator_id      varchar(64)   not null,
    round             varchar(16)   not null,
    revision          integer       not null,
    plan_id           varchar(64)   not null,
    status            varchar(16)   not null,
    cause             text          not null,
    measures          text          not null,
    expected_recovery text          not null,
    lang              varchar(2)    not null,
    written_by        varchar(200)  not null,
    written_dept      varchar(64),
    written_at        timestamptz   not null,
    request_key       varchar(401),
    primary key (indicator_id, round, revision)
);

create index explanation_plan_round_idx on explanation (plan_id, round);
