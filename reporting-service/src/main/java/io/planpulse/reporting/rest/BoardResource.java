package io.planpulse.reporting.rest;

import io.planpulse.platform.error.InvalidRequestException;
import io.planpulse.model.plan.Period;
import io.planpulse.reporting.board.Board;
import io.planpulse.reporting.board.BoardConfig;
import io.planpulse.reporting.board.BoardService;
import io.planpulse.reporting.board.IndicatorPage;
import io.planpulse.reporting.board.ReviewPage;
import io.planpulse.reporting.board.Lang;
import io.planpulse.reporting.board.LiveChanges;
import io.planpulse.reporting.domain.Status;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.BiFunction;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The board (DESIGN §7): the plan tree with its statuses, a department's view, an indicator's page,
 * and the stream of changes an open board follows. Pages need a signed-in viewer; without one they
 * answer 401 with a page that says how to sign in.
 */
@Path("/")
@Tag(name = "board")
public class BoardResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance board(Board board, BoardLinks links, String path, BoardPerson person);

        static native TemplateInstance indicator(IndicatorPage page, BoardLinks links, String path);

        static native TemplateInstance review(ReviewPage page, BoardLinks links);

        static native TemplateInstance signIn(BoardLinks links, String refusal);

        static native TemplateInstance signedOut(BoardLinks links);

        static native TemplateInstance refused(BoardLinks links, String reason);
    }

    private final BoardService boards;
    private final BoardConfig config;
    private final LiveChanges live;
    private final BoardCsrf signIns;
    private final BoardTenant tenant;
    private final RoutingContext context;

    public BoardResource(BoardService boards, BoardConfig config, LiveChanges live, BoardCsrf signIns, BoardTenant tenant,
                         RoutingContext context) {
        this.boards = boards;
        this.config = config;
        this.live = live;
        this.signIns = signIns;
        this.tenant = tenant;
        this.context = context;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The board: the plan tree with statuses, lagging targets first",
            description = "Query: plan, lang (zh/en; else Accept-Language), asOf (a day: the board as known at its end), "
                    + "round and version (the board as a published round showed it, with the corrections since; "
                    + "its latest version unless one is named), dept, status, binding (binding/anticipatory).")
    public Uni<Response> board(@QueryParam("plan") String plan, @QueryParam("lang") String lang,
                               @QueryParam("asOf") String asOf, @QueryParam("round") String round,
                               @QueryParam("version") Integer version, @QueryParam("dept") String dept,
                               @QueryParam("status") String status, @QueryParam("binding") String binding,
                               @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Board.Filter filter = new Board.Filter(blankToNull(dept), status(status), binding(binding));
        if (round == null || round.isBlank()) {
            return page(plan, lang, asOf, filter, acceptLanguage, "/");
        }
        if (asOf != null && !asOf.isBlank()) {
            throw new InvalidRequestException("ROUND_OR_AS_OF", "the board shows a day (asOf) or a round, not both");
        }
        Period published = RoundResource.round(round);
        return page(planOr(plan), lang, acceptLanguage, (planId, l) -> boards.round(planId, published, version, filter, l),
                null, filter, "/");
    }

    @GET
    @Path("departments/{code}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The board of one department's indicators")
    public Uni<Response> department(@PathParam("code") String code, @QueryParam("plan") String plan,
                                    @QueryParam("lang") String lang, @QueryParam("asOf") String asOf,
                                    @QueryParam("status") String status, @QueryParam("binding") String binding,
                                    @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return page(plan, lang, asOf, new Board.Filter(code, status(status), binding(binding)), acceptLanguage,
                "/departments/" + code);
    }

    @GET
    @Path("indicators/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One indicator's page: its numbers, trend, status changes and every report received")
    public Uni<Response> indicator(@PathParam("id") String id, @QueryParam("plan") String plan,
                                   @QueryParam("lang") String lang, @QueryParam("asOf") String asOf,
                                   @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Lang l = Lang.of(lang, acceptLanguage);
        LocalDate day = day(asOf);
        return signIns.person(context).flatMap(person -> {
            BoardLinks links = new BoardLinks(planOr(plan), l, day, null, null);
            if (person.isEmpty()) {
                return Uni.createFrom().item(signIn(links));
            }
            return boards.indicator(id, day, l).map(page -> html(Templates.indicator(page,
                    new BoardLinks(page.planId(), l, day, null, null), "/indicators/" + id), l, Response.Status.OK));
        });
    }

    @GET
    @Path("review")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The monitoring round: the review queue, the values sent back, what a round owes",
            description = "Query: plan, lang, dept (one department's indicators), round (a period: what it owes in "
                    + "explanations).")
    public Uni<Response> review(@QueryParam("plan") String plan, @QueryParam("lang") String lang,
                                @QueryParam("dept") String dept, @QueryParam("round") String round,
                                @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Lang l = Lang.of(lang, acceptLanguage);
        String planId = planOr(plan);
        BoardLinks links = new BoardLinks(planId, l, null, null, null);
        return signIns.person(context).flatMap(person -> person.isEmpty() ? Uni.createFrom().item(signIn(links))
                : boards.review(planId, blankToNull(dept), round == null || round.isBlank() ? null
                        : RoundResource.round(round), l).map(page -> html(Templates.review(page, links), l,
                        Response.Status.OK)));
    }

    @GET
    @Path("board/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Authenticated
    @Operation(summary = "The changes of a plan's progress, as server-sent events, for an open board")
    public Multi<OutboundSseEvent> events(@QueryParam("plan") String plan, @Context Sse sse) {
        Multi<OutboundSseEvent> changes = live.of(planOr(plan)).map(c -> sse.newEventBuilder().name("progress")
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(c).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(Duration.ofSeconds(20))
                .map(t -> sse.newEventBuilder().comment("still here").build());
        return Multi.createBy().merging().streams(changes, heartbeats);
    }

    private Uni<Response> page(String plan, String lang, String asOf, Board.Filter filter, String acceptLanguage,
                               String path) {
        LocalDate day = day(asOf);
        return page(planOr(plan), lang, acceptLanguage, (planId, l) -> boards.board(planId, day, filter, l), day, filter,
                path);
    }

    /** A board page for the signed-in, made by {@code board} (given the plan and the language); else the sign-in. */
    private Uni<Response> page(String planId, String lang, String acceptLanguage,
                               BiFunction<String, Lang, Uni<Board>> board, LocalDate day, Board.Filter filter,
                               String path) {
        Lang l = Lang.of(lang, acceptLanguage);
        return signIns.person(context).flatMap(person -> {
            if (person.isEmpty()) {
                return Uni.createFrom().item(signIn(new BoardLinks(planId, l, day, filter, null)));
            }
            return board.apply(planId, l).map(b -> html(Templates.board(b,
                    new BoardLinks(planId, l, day, filter, b.asOf()), path, person.get()), l, Response.Status.OK));
        });
    }

    @GET
    @Path("signed-in")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Where the identity provider sends a person back to after signing in",
            description = "The sign-in completes here (the code for tokens, checked against the state this browser "
                    + "started with), then the browser goes on to the page it came from. A code or state that did not "
                    + "start in this browser signs no one in: 401 with a page that says so.")
    public Uni<Response> signedIn(@QueryParam("lang") String lang,
                                  @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return signIns.person(context).map(person -> person.isPresent() ? Response.seeOther(URI.create("/")).build()
                : signInFailed(Lang.of(lang, acceptLanguage)));
    }

    /** The page of a sign-in that could not be completed: no one is signed in. */
    static Response signInFailed(Lang lang) {
        return html(Templates.refused(new BoardLinks(null, lang, null, null, null), "the sign-in could not be completed: "
                + "it did not start in this browser, was used before, or the identity provider refused it. No one was "
                + "signed in; open the board to sign in again."), lang, Response.Status.UNAUTHORIZED);
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Where the identity provider sends a person back to after signing out")
    public Response signedOut(@QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Lang l = Lang.of(lang, acceptLanguage);
        return html(Templates.signedOut(new BoardLinks(config.plan(), l, null, null, null)), l, Response.Status.OK);
    }

    /**
     * Where no one is signed in: with the identity provider, its login (the challenge; the person comes
     * back to this page); else the page that asks for a login link.
     */
    private Response signIn(BoardLinks links) {
        if (tenant.enabled()) {
            throw new UnauthorizedException();
        }
        return html(Templates.signIn(links, null), links.lang(), Response.Status.UNAUTHORIZED);
    }

    /** The page of a refused request (what was refused and why; nothing changed). */
    static Response refused(Lang lang, String reason) {
        return html(Templates.refused(new BoardLinks(null, lang, null, null, null), reason), lang, Response.Status.FORBIDDEN);
    }

    /** A page in its language; the headers every answer of the board has come from {@link BoardSecurityHeaders}. */
    static Response html(TemplateInstance page, Lang lang, Response.Status status) {
        return Response.status(status).entity(page.setLocale(lang.locale()).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Language", lang.tag())
                .build();
    }

    private String planOr(String plan) {
        return plan == null || plan.isBlank() ? config.plan() : plan;
    }

    private static LocalDate day(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("INVALID_AS_OF", "asOf must be a day such as 2024-06-30, not '" + asOf + "'");
        }
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Status.valueOf(status.toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("INVALID_STATUS", "status must be one of ON_TRACK, AT_RISK, OFF_TRACK, "
                    + "ACHIEVED, MISSED, NO_DATA, NO_TARGET, not '" + status + "'");
        }
    }

    private static Boolean binding(String binding) {
        if (binding == null || binding.isBlank()) {
            return null;
        }
        return switch (binding.toLowerCase(Locale.ROOT)) {
            case "binding", "true" -> true;
            case "anticipatory", "false" -> false;
            default -> throw new InvalidRequestException("INVALID_BINDING", "binding must be binding or anticipatory, not '"
                    + binding + "'");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
