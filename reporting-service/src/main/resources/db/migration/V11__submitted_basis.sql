-- The submitted basis (DESIGN §6): what was last published on indicator.progress.submitted.v1 for
-- each indicator that ever had a record there. content_hash is the document's while the submitted
-- basis differs from the official one, null once the key got its tombstone; version counts on.
create table submitted_progress (
    indicator_id  varchar(64)  primary key,
    version       integer      not null,
    content_hash  varchar(64),
    updated_at    timestamptz  not null
);

-- The revisions not official (waiting, returned, or superseded before a decision): few, and where
-- a plan has no review none, so finding the indicators whose submitted basis may differ is cheap.
create index revision_not_official_idx on revision (indicator_id) where official_at is null;
