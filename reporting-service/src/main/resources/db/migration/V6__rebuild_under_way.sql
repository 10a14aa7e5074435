-- A rebuild under way (DESIGN §2, "Rebuilding reporting-service"): written when an instance finds the
-- database empty and starts rebuilding it, removed when the rebuild has settled. Another instance that
-- starts meanwhile joins the rebuild instead of judging and publishing on a half-read database.
create table rebuild_under_way (
    only_one    boolean      primary key default true check (only_one),
    started_at  timestamptz  not null
);
