/**
 * The V2024 Work Items API over HTTP (Javalin on Jetty 12): the adapter, its JWT authenticator and the My Tasks page.
 * Exports those; the wire JSON, the rate limiter and the error pages stay package-private.
 */
module dev.workitems.http {
    requires transitive dev.workitems.core;
    requires transitive io.javalin;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.nimbusds.jose.jwt;
    requires com.github.benmanes.caffeine;

    exports dev.workitems.http;
}
