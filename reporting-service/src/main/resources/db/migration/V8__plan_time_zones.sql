-- Each plan version's time zone in a column of its own: time alone changes a judgement only when the
-- date changes in its plan's time zone, so the clock's round asks for the zones in use every minute
-- and judges everything only when a date among them has changed.
alter table plan_version add column time_zone varchar(64);

update plan_version set time_zone = definition::jsonb ->> 'timeZone' where definition is not null;
