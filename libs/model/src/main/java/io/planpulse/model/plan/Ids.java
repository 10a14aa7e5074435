package io.planpulse.model.plan;

import java.util.regex.Pattern;

/**
 * How the plan's ids and codes are spelled (targets-service refuses a plan that spells one
 * otherwise, so no other spelling names anything).
 */
public final class Ids {

    public static final String PLAN = "[a-z0-9-]{1,64}";
    public static final String INDICATOR = "[A-Z0-9-]{1,64}";
    public static final String NODE = "[a-z0-9-]{1,64}";
    public static final String DEPARTMENT = "[A-Z][A-Z0-9_-]{0,31}";

    private static final Pattern INDICATOR_ID = Pattern.compile(INDICATOR);

    private Ids() {
    }

    /** Whether this could be an indicator's id. */
    public static boolean isIndicatorId(String id) {
        return id != null && INDICATOR_ID.matcher(id).matches();
    }
}
