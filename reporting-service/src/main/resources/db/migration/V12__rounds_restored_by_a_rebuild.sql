-- A rebuild restores the published rounds from plan.rounds.v1 (DESIGN §2), whose records do not
-- carry the plan's progress answer at publication: a restored version has none stored, and the
-- answer is computed as of its publication when it is cited.
alter table round_version alter column snapshot drop not null;
