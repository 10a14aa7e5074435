package io.planpulse.reporting.evaluation;

import io.planpulse.model.event.ProgressUpdated;
import io.planpulse.reporting.board.Lang;
import io.planpulse.reporting.domain.Revision;
import io.planpulse.reporting.progress.PlanView;
import io.planpulse.reporting.repository.ExplanationRepository.StoredExplanation;
import io.planpulse.reporting.repository.RevisionRepository.Received;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an evaluation report is written from (DESIGN §7, "The evaluation report"): the plan as known
 * at its instant on its basis, narrowed to a department or not, and what surrounds the figures.
 *
 * @param view         the plan, its indicators' definitions and progress documents at the report's instant
 * @param dept         the department whose part it is, else null (the whole plan)
 * @param deptName     that department's name in the report's language
 * @param type         final, mid-term or yearly
 * @param basis        official or submitted
 * @param lang         the report's language
 * @param asOf         the report's instant, as the plan's time zone writes it
 * @param round        the published round it shows, else null
 * @param revisions    per indicator, the latest revision of each period then (the trend charts)
 * @param sources      per indicator, what was received by then
 * @param explanations per indicator, its department's latest explanation then
 * @param previous     the last round published before it, else null
 * @param generatedAt  when it was written, as the plan's time zone writes it
 */
public record Evaluation(PlanView view, String dept, String deptName, Type type, Basis basis, Lang lang, String asOf,
                         Round round, Map<String, List<Revision>> revisions, Map<String, Received> sources,
                         Map<String, StoredExplanation> explanations, Previous previous, String generatedAt) {

    /** Which evaluation: of the whole plan period, at its middle, or of a year. */
    public enum Type {
        FINAL("实施情况总结评估报告", "final evaluation"),
        MIDTERM("实施情况中期评估报告", "mid-term evaluation"),
        MONITORING("实施情况监测报告", "monitoring report");

        private final String zh;
        private final String en;

        Type(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String title(Lang lang) {
            return lang.pick(zh, en);
        }

        /** The type a query names ({@code final}, {@code midterm}, {@code monitoring}), else null. */
        public static Type named(String name) {
            for (Type t : values()) {
                if (t.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** Whose figures count: the official ones, or every value as its department last sent it. */
    public enum Basis {
        OFFICIAL("官方口径（已审核数据）", "official basis (approved values)"),
        SUBMITTED("报送口径（含待审核数据）", "submitted basis (values awaiting review included)");

        private final String zh;
        private final String en;

        Basis(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String label(Lang lang) {
            return lang.pick(zh, en);
        }
    }

    /** The published round the report shows: its name, version and when it was published. */
    public record Round(String round, int version, String publishedAt) {
    }

    /** The last round published before the report's instant, with each indicator's document as it published it. */
    public record Previous(String round, int version, String publishedAt, Map<String, ProgressUpdated> documents) {
    }
}
