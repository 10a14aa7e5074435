-- The latest revision of each period of each indicator: all that progress reads now, however often
-- a period was revised (the revision table keeps every one, for the as-of views).
create table revision_head (
    indicator_id  varchar(64)  not null,
    period        varchar(16)  not null,
    revision      integer      not null,
    value         numeric,
    provisional   boolean      not null,
    withdrawn     boolean      not null,
    received_at   timestamptz  not null,
    primary key (indicator_id, period)
);

insert into revision_head (indicator_id, period, revision, value, provisional, withdrawn, received_at)
select distinct on (indicator_id, period) indicator_id, period, revision, value, provisional, withdrawn, received_at
from revision order by indicator_id, period, revision desc;

-- What a roll-up reads of an indicator's definition, in columns: a roll-up is computed again
-- whenever a status in its plan changes, and must not read every definition of the plan to do it.
alter table indicator_version add column owners text[];
alter table indicator_version add column binding boolean;
alter table indicator_version add column weight numeric;

update indicator_version
   set owners = array(select jsonb_array_elements_text(definition::jsonb -> 'owners')),
       binding = (definition::jsonb ->> 'binding')::boolean,
       weight = (definition::jsonb ->> 'weight')::numeric
 where definition is not null;
