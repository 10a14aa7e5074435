-- Who sent each revision, and why: the board's indicator page shows them.
alter table revision add column dept varchar(32);
alter table revision add column subject varchar(200);
alter table revision add column reason varchar(500);
alter table revision add column note varchar(2000);
alter table revision add column source varchar(200);

-- The board's sign-in: each login token is accepted once; a session is kept by the hash of its cookie.
create table board_login (
    token_id    varchar(200)  primary key,
    expires_at  timestamptz   not null
);

create table board_session (
    id_hash     bytea         primary key,
    subject     varchar(200)  not null,
    created_at  timestamptz   not null,
    expires_at  timestamptz   not null
);

create index board_session_expires_idx on board_session (expires_at);
create index board_login_expires_idx on board_login (expires_at);
