/**
 * The V2024 Work Items API over HTTP (Javalin on Jetty 12): the adapter, its JWT authenticator and the My Tasks page.
 * Exports those; the wire JSON, the rate limiter and the error pages stay package-private.
 */
module dev.workitems.http {
    requires transitive dev.workitems.core;
    // Optional: WorkItemsHttp and MyTasksPage carry the API on Javalin, and a host that uses them requires Javalin
    // itself; WorkItemsApi needs no web framework, so another carrier (the Spring Boot starter) runs without it.
    requires static io.javalin;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.nimbusds.jose.jwt;
    requires com.github.benmanes.caffeine;

    exports dev.workitems.http;
}
