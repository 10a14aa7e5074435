package io.planpulse.reporting.board;

import java.util.List;

/**
 * The monitoring round on the board, every text in the page's language: the office's review queue
 * (oldest first, each value with the official one it would replace and the status it would make),
 * the values sent back to their departments with the office's comment, and for the round picked
 * what it owes in explanations; a department's page shows only its indicators.
 */
public record ReviewPage(String planId, String planName, String dept, String deptName, String round,
                         List<Round> rounds, List<Waiting> waiting, List<Returned> returned, Owed owed) {

    /** A published version of a round, for the picker. */
    public record Round(String round, int version, boolean reopened, String publishedAt) {
    }

    /** A submitted value: what it says, what is official now, and the status approving it would make. */
    public record Waiting(String indicatorId, String name, String period, int revision, String value, String official,
                          String sentBy, String receivedAt, String status, String statusLabel, String statusIfApproved,
                          String statusIfApprovedLabel) {

        public boolean changesStatus() {
            return !status.equals(statusIfApproved);
        }
    }

    /** A value the office sent back, with its comment, until its department corrects it. */
    public record Returned(String indicatorId, String name, String period, int revision, String value, String comment,
                           String receivedAt) {
    }

    /** What the round owes: every lagging indicator, due when, overdue or not, explained or not. */
    public record Owed(String round, String dueDate, boolean published, List<Item> items) {

        public record Item(String indicatorId, String name, String status, String statusLabel, boolean overdue,
                           String cause, String measures) {
        }
    }
}
