package io.planpulse.targets.service;

/** Entity tags of plans and how If-Match headers are matched against them (RFC 9110 §13.1.1). */
public final class Etags {

    private Etags() {
    }

    public static String of(String planId, int version) {
        return "\"" + planId + "-v" + version + "\"";
    }

    /** True when an If-Match header value (a list of tags, or *) lets a change of the current version go ahead. */
    public static boolean matches(String ifMatch, String currentEtag) {
        if (currentEtag == null) {
            return false;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(currentEtag)) {
                return true;
            }
        }
        return false;
    }
}
