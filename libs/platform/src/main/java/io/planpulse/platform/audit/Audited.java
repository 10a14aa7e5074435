package io.planpulse.platform.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts every call of a resource method in the audit trail under this action (e.g. an export, a
 * read that hands data out). Writes (any method but GET, HEAD and OPTIONS) are in it without this.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
    String value();
}
