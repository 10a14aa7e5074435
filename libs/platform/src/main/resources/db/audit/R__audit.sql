-- The audit trail every service keeps in its own database (libs/platform AuditTrail, DESIGN §8): who did what,
-- when, from where, and how it ended. Rows older than planpulse.audit.retention are removed.
create table if not exists audit_event (
    id      bigint generated always as identity primary key,
    at      timestamptz not null,
    actor   text        not null,   -- the principal of the token or session, or 'anonymous'
    dept    text,                   -- its department, where it has one
    action  text        not null,   -- sign-in, sign-out, write, export
    what    text        not null,   -- the request: method and path
    outcome integer     not null,   -- the HTTP status of the answer
    origin  text                    -- the client's address
);
create index if not exists audit_event_at on audit_event (at);
create index if not exists audit_event_actor_at on audit_event (actor, at);
