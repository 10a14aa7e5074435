-- When an indicator was left due: the due round takes only what its partition's owner has left
-- waiting (an owner that applies takes its partition's due indicators with its next batch).
alter table progress_due add column due_since timestamptz not null default now();
