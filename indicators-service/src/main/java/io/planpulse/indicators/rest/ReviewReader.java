package io.planpulse.indicators.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.planpulse.indicators.domain.ReviewRequest;
import io.planpulse.model.Texts;
import io.planpulse.model.plan.Ids;
import io.planpulse.model.plan.Period;
import io.planpulse.platform.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a review request (DESIGN §5, "Review"): {@code action} APPROVE or RETURN, a {@code comment}
 * (required to return), and either {@code items} (each {@code indicatorId}, {@code period},
 * {@code revision}) or a {@code scope} ({@code planId}, {@code dept}, {@code round}). What is not so
 * is a 400 with a code, before anything is read from the database.
 */
final class ReviewReader {

    private static final Set<String> FIELDS = Set.of("action", "comment", "items", "scope");
    private static final Set<String> ITEM_FIELDS = Set.of("indicatorId", "period", "revision");
    private static final Set<String> SCOPE_FIELDS = Set.of("planId", "dept", "round");

    private ReviewReader() {
    }

    static ReviewRequest read(JsonNode body) {
        object(body, "a review", FIELDS);
        ReviewRequest.Action action = action(body.get("action"));
        String comment = comment(body.get("comment"), action);
        boolean hasItems = body.hasNonNull("items");
        boolean hasScope = body.hasNonNull("scope");
        if (hasItems == hasScope) {
            throw new InvalidRequestException("ITEMS_OR_SCOPE",
                    "name the revisions in items, or a department's round in scope: exactly one of the two");
        }
        return hasItems ? new ReviewRequest(action, comment, items(body.get("items")), null)
                : new ReviewRequest(action, comment, null, scope(body.get("scope")));
    }

    private static ReviewRequest.Action action(JsonNode node) {
        if (node != null && node.isTextual()) {
            try {
                return ReviewRequest.Action.valueOf(node.asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // refused below
            }
        }
        throw new InvalidRequestException("ACTION_INVALID", "action must be APPROVE or RETURN");
    }

    private static String comment(JsonNode node, ReviewRequest.Action action) {
        String comment = node == null || node.isNull() ? null : node.isTextual() ? node.asText() : node.toString();
        if (comment != null && comment.isBlank()) {
            comment = null;
        }
        if (comment == null && action == ReviewRequest.Action.RETURN) {
            throw new InvalidRequestException("COMMENT_REQUIRED", "a return says why in comment: the department "
                    + "sees it with the value until it sends a correction");
        }
        if (comment != null && comment.length() > ReviewRequest.MAX_COMMENT) {
            throw new InvalidRequestException("TEXT_TOO_LONG", "comment must be at most " + ReviewRequest.MAX_COMMENT
                    + " characters");
        }
        if (comment != null && Texts.hasControlCharacters(comment)) {
            throw new InvalidRequestException("TEXT_INVALID",
                    "comment must not contain control characters (tabs and line breaks are fine)");
        }
        return comment;
    }

    private static List<ReviewRequest.Item> items(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidRequestException("ITEM_INVALID", "items is a non-empty list of revisions");
        }
        if (node.size() > ReviewRequest.MAX_ITEMS) {
            throw new InvalidRequestException("TOO_MANY_ITEMS", "a review names at most " + ReviewRequest.MAX_ITEMS
                    + " revisions; review a department's round with scope");
        }
        List<ReviewRequest.Item> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String path = "items[" + i + "]";
            object(item, path, ITEM_FIELDS);
            String indicatorId = text(item, "indicatorId");
            String period = text(item, "period");
            JsonNode revision = item.get("revision");
            if (indicatorId == null || !Ids.isIndicatorId(indicatorId) || period == null || Period.parse(period).isEmpty()
                    || revision == null || !revision.canConvertToInt() || !revision.isIntegralNumber()
                    || revision.asInt() < 1) {
                throw new InvalidRequestException("ITEM_INVALID", path + " needs an indicatorId, a period such as "
                        + "2025 or 2025-Q4, and the revision reviewed (1 or more)");
            }
            String canonical = Period.parse(period).get().toString();
            if (!seen.add(indicatorId + "/" + canonical)) {
                throw new InvalidRequestException("DUPLICATE_ITEM", path + " names " + indicatorId + " " + canonical
                        + " a second time");
            }
            items.add(new ReviewRequest.Item(indicatorId, canonical, revision.asInt()));
        }
        return items;
    }

    private static ReviewRequest.Scope scope(JsonNode node) {
        object(node, "scope", SCOPE_FIELDS);
        String planId = text(node, "planId");
        String dept = text(node, "dept");
        String round = text(node, "round");
        if (planId == null || planId.isBlank() || dept == null || dept.isBlank() || round == null
                || Period.parse(round).isEmpty()) {
            throw new InvalidRequestException("SCOPE_INVALID", "scope needs a planId, a dept and a round such as 2025 "
                    + "or 2025-Q4");
        }
        return new ReviewRequest.Scope(planId, dept, Period.parse(round).get());
    }

    private static void object(JsonNode node, String what, Set<String> fields) {
        if (node == null || !node.isObject()) {
            throw new MalformedRequestException(what + " is a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new InvalidRequestException("UNKNOWN_FIELD", what + " has no field '" + name + "' (fields: "
                        + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
