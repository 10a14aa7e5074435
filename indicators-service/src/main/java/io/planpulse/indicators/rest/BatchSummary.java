package io.planpulse.indicators.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.planpulse.indicators.domain.BatchVerdict;
import io.planpulse.indicators.domain.ReplaceScope;
import io.planpulse.indicators.domain.RowResult;
import io.planpulse.indicators.domain.Warning;
import io.planpulse.indicators.service.BatchRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The import summary of DESIGN §5: counts per outcome, the warnings and the conflicts by row index.
 * {@code stored} says whether the accepted rows were stored (false for a dry run and for an atomic
 * batch with a conflict, whose counts say what would have happened). {@code submitted} counts the
 * created, revised and withdrawn values that wait for the plan office's review. A replace names its
 * scope and lists the values it withdraws (counted in {@code withdrawn}), none of which is a row.
 */
public record BatchSummary(int received, int created, int revised, int unchanged, int withdrawn, int rejected, int submitted,
                           List<RowWarning> warnings, List<Conflict> conflicts, boolean atomic, boolean dryRun,
                           boolean stored, @JsonInclude(JsonInclude.Include.NON_NULL) Replaced replace) {

    /** A replace's scope and the values of it that the batch no longer holds, withdrawn with its reason. */
    public record Replaced(String from, String to, String reason, List<Withdrawal> withdrawals) {
    }

    public record Withdrawal(String indicatorId, String period, int revision) {
    }

    public record RowWarning(int index, String code, String message) {
    }

    public record Conflict(int index, String indicatorId, String period, String code, String message) {
    }

    static BatchSummary of(BatchRequest batch, BatchVerdict verdict) {
        List<RowResult> results = verdict.rows();
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
        Replaced replaced = null;
        ReplaceScope scope = batch.replace();
        if (scope != null) {
            withdrawn += verdict.withdrawals().size();
            submitted += (int) verdict.withdrawals().stream().filter(w -> w.review() != null).count();
            replaced = new Replaced(scope.from().toString(), scope.to().toString(), scope.reason(),
                    verdict.withdrawals().stream().map(w -> new Withdrawal(w.key().indicatorId(), w.key().period(),
                            w.revision())).toList());
        }
        boolean stored = !batch.dryRun() && !(batch.atomic() && !conflicts.isEmpty());
        return new BatchSummary(results.size(), created, revised, unchanged, withdrawn, conflicts.size(), submitted, warnings,
                conflicts, batch.atomic(), batch.dryRun(), stored, replaced);
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
        if (replace != null) {
            body.put("replace", replace);
        }
        return body;
    }
}
