package io.planpulse.model.event;

/** The Kafka headers of a CloudEvents 1.0 record in binary mode, and planpulse's {@code version} header. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /** The payload's version or revision; on a tombstone, the version of the deletion. */
    public static final String VERSION = "version";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The {@code ce_source} of a planpulse service. */
    public static String source(String service) {
        return "/planpulse/" + service;
    }
}
