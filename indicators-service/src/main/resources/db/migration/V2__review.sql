-- The plan office and whether it reviews pushed values (the plan's settings, DESIGN §3). A plan
-- learned before these columns existed has neither until its next version arrives.
alter table catalogue_plan add column office varchar(64);
alter table catalogue_plan add column review boolean not null default false;

-- Where each revision stands in review (DESIGN §5): null where its plan had no review when it was
-- received (official from its receipt), else SUBMITTED, APPROVED or RETURNED, with the decision.
alter table report_revision add column review_state         varchar(16);
alter table report_revision add column reviewed_by_dept     varchar(64);
alter table report_revision add column reviewed_by_subject  varchar(200);
alter table report_revision add column reviewed_at          timestamptz;
alter table report_revision add column review_comment       text;

-- The latest revision's review state, so that what waits for review is found without the history.
alter table report_head add column review_state varchar(16);

create index report_head_review_idx on report_head (review_state) where review_state in ('SUBMITTED', 'RETURNED');
