-- The outbox, the same table in every service's database (docs/DESIGN.md §10): every service's
-- Flyway reads this location after its own (quarkus.flyway.locations=db/migration,db/outbox).
--
-- The table itself was created by each service's early migrations, which are history and stay as
-- they are. A change to the outbox goes here, once for all services, and only as statements that can
-- run again: Flyway runs this repeatable migration after the versioned ones whenever its checksum
-- changes (add a column with "add column if not exists", an index with "create index if not exists").
create table if not exists outbox (
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
