package dev.workitems.spring.boot;

import dev.workitems.http.TestCarrier;
import dev.workitems.http.WorkItemsApi;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Runs the HTTP module's whole suite (its test jar) over Spring MVC: each test's API is carried by a Spring Boot
 * application on Tomcat, as the starter carries it, instead of Javalin.
 */
public class BootCarrier implements TestCarrier {

    /**
     * A Boot web application that carries one API, and nothing of workitems' own wiring (not a component, so that the
     * test applications' component scans leave it alone).
     */
    @EnableAutoConfiguration(
            exclude = WorkItemsAutoConfiguration.class,
            excludeName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.actuate.web.servlet"
                        + ".ManagementWebSecurityAutoConfiguration",
                "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet"
                        + ".OAuth2ResourceServerAutoConfiguration"
            })
    @org.springframework.context.annotation.Import(WorkItemsAutoConfiguration.Web.Tomcat.class)
    static class CarrierApp {
        @Bean
        RouterFunction<ServerResponse> workItemsRoutes(WorkItemsApi api) {
            return SpringMvcCarrier.routes(api);
        }
    }

    @Override
    public Running start(WorkItemsApi api) {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(CarrierApp.class)
                .web(WebApplicationType.SERVLET)
                .initializers(c -> c.getBeanFactory().registerSingleton("workItemsApi", api))
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.main.banner-mode=off",
                        "spring.main.register-shutdown-hook=false",
                        "logging.level.root=WARN")
                .run();
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        return new Running(port, ctx::close);
    }
}
