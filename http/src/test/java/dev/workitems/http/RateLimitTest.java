package dev.workitems.http;

import static dev.workitems.testkit.Fixture.FRED;
import static dev.workitems.testkit.Fixture.GINGER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** D18: per caller, 429 with Retry-After over the limit, success again once the window has passed (injected clock). */
class RateLimitTest {

    @Test
    void overTheLimitIs429UntilTheWindowPasses() {
        try (Api api = new Api(new RateLimit(5, Duration.ofSeconds(10)))) {
            api.clock.set(java.time.Instant.parse("2026-01-05T09:00:00.000Z"));
            String fred = api.token(FRED);
            for (int i = 0; i < 5; i++) {
                assertEquals(200, api.get(fred, "/work-items/count").statusCode());
            }
            api.clock.advance(Duration.ofMillis(2_500));
            HttpResponse<String> limited = api.get(fred, "/work-items/count");
            assertEquals(429, limited.statusCode());
            assertEquals("{\"message\":\" Rate Limit Exceeded \"}", limited.body());
            assertEquals(
                    "8",
                    limited.headers().firstValue("Retry-After").orElse(null),
                    "whole seconds left in the window, rounded up");
            Spec.assertValid("/work-items/count", "get", 429, limited.body());
            assertEquals(200, api.get(api.token(GINGER), "/work-items/count").statusCode(), "limits are per caller");
            assertEquals(401, api.get(null, "/work-items/count").statusCode(), "authentication comes before the limit");
            api.clock.advance(Duration.ofMillis(7_500));
            assertEquals(200, api.get(fred, "/work-items/count").statusCode(), "a new window");
        }
    }

    @Test
    void theLimitCanBeSwitchedOff() {
        try (Api api = new Api(RateLimit.off())) {
            String fred = api.token(FRED);
            for (int i = 0; i < 150; i++) {
                assertEquals(200, api.get(fred, "/work-items/count").statusCode());
            }
        }
    }
}
