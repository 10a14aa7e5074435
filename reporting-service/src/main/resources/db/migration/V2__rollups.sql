-- The current roll-up of every plan, node and department, with the version it was published at.
create table rollup (
    rollup_key  varchar(200)  primary key,
    plan_id     varchar(64)   not null,
    version     integer       not null,
    document    text          not null,
    updated_at  timestamptz   not null
);

create index rollup_plan_idx on rollup (plan_id);
