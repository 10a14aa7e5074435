package io.planpulse.targets.repository;

/** What a version of a plan or indicator records. */
public enum ChangeKind {
    CREATED,
    CHANGED,
    DELETED
}
