/**
 * Spring Boot auto-configuration for workitems: exports the properties and the Spring Security helper; the wiring, the
 * Spring MVC carrier, the transaction adapter and the health indicator stay package-private, opened to Spring, which
 * instantiates them. The web, security, health and Tomcat parts are optional: the starter wires each when the
 * application has it.
 */
module dev.workitems.spring.boot {
    requires transitive dev.workitems.core;
    requires transitive dev.workitems.storage.jdbc;
    requires transitive dev.workitems.http;
    requires transitive dev.workitems.micrometer;
    requires spring.boot;
    requires spring.boot.autoconfigure;
    requires spring.beans;
    requires spring.context;
    requires spring.core;
    requires spring.jdbc;
    requires spring.tx;
    requires com.fasterxml.jackson.databind;
    requires static spring.web;
    requires static spring.webmvc;
    requires static spring.security.core;
    requires static spring.security.web;
    requires static spring.security.oauth2.jose;
    requires static spring.boot.health;
    requires static spring.boot.sql;
    requires static spring.boot.tomcat;
    requires static spring.boot.web.server;
    requires static org.apache.tomcat.embed.core;

    exports dev.workitems.spring.boot;

    opens dev.workitems.spring.boot to
            spring.core,
            spring.beans,
            spring.context;
}
