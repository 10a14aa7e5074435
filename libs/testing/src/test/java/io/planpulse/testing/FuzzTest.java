package io.planpulse.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FuzzTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void theSameSeedGivesTheSameCasesAndAnotherSeedOthers() {
        String valid = "{\"indicatorId\": \"T-GDP\", \"period\": \"2022\", \"value\": 5100, \"note\": \"月报\"}";
        Fuzz one = new Fuzz(1);
        Fuzz again = new Fuzz(1);
        Fuzz other = new Fuzz(2);
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            String a = one.json(valid);
            assertEquals(a, again.json(valid));
            assertArrayEquals(one.csv("a,b\n1,2\n"), again.csv("a,b\n1,2\n"));
            first.append(a);
            second.append(other.json(valid));
        }
        assertNotEquals(first.toString(), second.toString());
    }

    @Test
    void parametersFitInARequestLine() {
        Fuzz fuzz = new Fuzz(3);
        for (int i = 0; i < 2_000; i++) {
            assertTrue(Fuzz.encoded(fuzz.parameter()).length() <= 900);
        }
    }

    @Test
    void anAnswerMisbehavesWithA5xxAStackTraceOrARefusalThatIsNoProblem() {
        assertNull(Fuzz.misbehaviour(200, "application/json", "{}", false));
        assertNull(Fuzz.misbehaviour(422, PROBLEM, "{\"code\": \"PERIOD_INVALID\"}", false));
        assertNull(Fuzz.misbehaviour(401, "text/html;charset=UTF-8", "<p>请登录</p>", true));
        assertEquals("answered 500", Fuzz.misbehaviour(500, PROBLEM, "{\"code\": \"INTERNAL_ERROR\"}", false));
        assertEquals("shows a stack trace", Fuzz.misbehaviour(400, PROBLEM,
                "{\"code\": \"X\", \"detail\": \"java.lang.IllegalStateException: boom\"}", false));
        assertEquals("shows a stack trace", Fuzz.misbehaviour(200, "text/plain",
                "failed\n\tat io.planpulse.Foo.bar(Foo.java:1)", false));
        assertTrue(Fuzz.misbehaviour(400, "text/plain", "bad", false).startsWith("refused without a problem"));
        assertTrue(Fuzz.misbehaviour(400, PROBLEM, "{\"title\": \"no code\"}", false).startsWith("refused"));
        assertTrue(Fuzz.misbehaviour(401, "text/html", "<p>no</p>", false).startsWith("refused"));
    }
}
