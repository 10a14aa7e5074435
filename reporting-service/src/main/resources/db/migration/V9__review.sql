-- The official basis (DESIGN §5 "Review", §7): a revision of a plan whose office reviews values is
-- official only from its approval. official_at is the instant a revision became official: its
-- receipt where its plan had no review, its approval where it had; null while it waits for review
-- or once it was returned. The decision is kept for the board.
alter table revision add column official_at    timestamptz;
alter table revision add column review_state   varchar(16);
alter table revision add column reviewed_by    varchar(200);
alter table revision add column reviewed_at    timestamptz;
alter table revision add column review_comment text;

update revision set official_at = received_at;

-- The head of each period is its latest official revision, and counts from when it became so.
alter table revision_head rename column received_at to official_at;
