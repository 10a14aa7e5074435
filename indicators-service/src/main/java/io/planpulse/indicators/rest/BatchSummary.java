package io.planpulse.indicators.rest;

import io.planpulse.indicators.domain.RowResult;
import io.planpulse.indicators.domain.Warning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The import summary of DESIGN §5: counts per outcome, the warnings and the conflicts by row index.
 * {@code stored} says whether the accepted rows were stored (false for a dry run and for an atomic
 * batch with a conflict, whose counts say what would have happened). {@code submitted} counts the
 * created, revised and withdrawn rows that wait for the plan office's review.
 */
public record BatchSummary(int received, int created, int revised, int unchanged, int withdrawn, int rejected, int submitted,
                           List<RowWarning> warnings, List<Conflict> conflicts, boolean atomic, boolean dryRun,
                           boolean stored) {

    public record RowWarning(int index, String code, String message) {
    }

    public record Conflict(int index, String indicatorId, String period, String code, String message) {
    }

    static BatchSummary of(List<RowResult> results, boolean atomic, boolean dryRun) {
        int created = 0;
        int revised = 0;
        int unchanged = 0;
        int withdrawn = 0;
        int submitted = 0;
        List<RowWarning> warnings = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (RowResult result : results) {
            if (result instanceof RowResult.Rejected r) {
                conflicts.add(new Conflict(r.index(), r.indicatorId(), r.period(), r.issue().code().name(),
                        r.issue().message()));
                continue;
            }
            RowResult.Accepted a = (RowResult.Accepted) result;
            switch (a.outcome()) {
                case CREATED -> created++;
                case REVISED -> revised++;
                case UNCHANGED -> unchanged++;
                case WITHDRAWN -> withdrawn++;
            }
            if (a.stores() && a.review() != null) {
                submitted++;
            }
            for (Warning w : a.warnings()) {
                warnings.add(new RowWarning(a.index(), w.code().name(), w.message()));
            }
        }
        boolean stored = !dryRun && !(atomic && !conflicts.isEmpty());
        return new BatchSummary(results.size(), created, revised, unchanged, withdrawn, conflicts.size(), submitted, warnings,
                conflicts, atomic, dryRun, stored);
    }

    /** The summary inside an RFC 9457 problem body, for an atomic batch refused whole. */
    Map<String, Object> asProblem(String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:planpulse:problem:batch-rejected");
        body.put("title", "Unprocessable Content");
        body.put("status", 422);
        body.put("detail", detail);
        body.put("code", "BATCH_REJECTED");
        body.put("received", received);
        body.put("created", created);
        body.put("revised", revised);
        body.put("unchanged", unchanged);
        body.put("withdrawn", withdrawn);
        body.put("rejected", rejected);
        body.put("submitted", submitted);
        body.put("warnings", warnings);
        body.put("conflicts", conflicts);
        body.put("atomic", atomic);
        body.put("dryRun", dryRun);
        body.put("stored", stored);
        return body;
    }
}
