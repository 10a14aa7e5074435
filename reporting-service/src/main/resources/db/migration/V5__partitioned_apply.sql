-- Indicators to judge again by whoever holds their home partition (DESIGN §2, "How reporting-service
-- applies"): those another partition's report touches (a RELATIVE's benchmark or subject), those a plan
-- or definition change touches, and the clock's round. Rows are only ever inserted and taken (deleted),
-- never updated, so that writers never wait for one another.
create table progress_due (
    id              bigserial    primary key,
    partition       integer      not null,
    indicator_id    varchar(64)  not null,
    cause           varchar(16)  not null,
    changed_period  varchar(16)
);

create index progress_due_partition_idx on progress_due (partition, id);

-- Plans whose roll-ups may have changed; the roll-up step computes each at most once a round.
create table rollup_due (
    id       bigserial    primary key,
    plan_id  varchar(64)  not null
);

-- What the next judgement compares with, without reading the document: a hash of the document's
-- content (everything but version, asOf and computedAt) and whether it was late. Rows stored before
-- this migration have none; their document is read instead, once.
alter table progress add column content_hash varchar(64);
alter table progress add column late boolean;
