package io.planpulse.reporting.rest;

/**
 * Who is signed in to the board, as its pages name them (role and department from the identity
 * provider's token; a login link's session is a viewer of no department), and the token that the
 * page's forms carry so that a write is known to come from a page of the board ({@link BoardCsrf}).
 */
public record BoardPerson(String name, String role, String dept, String csrf) {
}
