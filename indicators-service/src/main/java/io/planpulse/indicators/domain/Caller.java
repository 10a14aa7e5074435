package io.planpulse.indicators.domain;

/** Who sends reports: the token's subject and department, and whether it may write any indicator. */
public record Caller(String subject, String dept, boolean admin) {

    /** May this caller report values of an indicator owned by these departments? */
    public boolean mayReport(java.util.List<String> owners) {
        return admin || (dept != null && owners.contains(dept));
    }
}
