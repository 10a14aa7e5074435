-- Plans and their indicators. The plan's document is kept whole, in the canonical form the API
-- serves; each indicator also has a row of its own, so that ids stay unique across plans and an
-- indicator can be read, versioned and published on its own.

create table plan (
    id          varchar(64)  primary key,
    name        text         not null,
    document    text         not null,
    version     integer      not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    updated_by  varchar(200) not null
);

create table indicator (
    id          varchar(64)  primary key,
    plan_id     varchar(64)  not null references plan (id),
    kind        varchar(32)  not null,
    frequency   varchar(16)  not null,
    definition  text         not null,
    node_path   text         not null,
    version     integer      not null,
    updated_at  timestamptz  not null
);

create index indicator_plan_id_idx on indicator (plan_id);
