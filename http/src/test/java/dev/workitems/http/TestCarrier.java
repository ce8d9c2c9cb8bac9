package dev.workitems.http;

/**
 * What carries the API in the HTTP tests: Javalin by default; another carrier (the Spring Boot starter's Spring MVC)
 * when the system property {@code workitems.test.carrier} names a class implementing this with a public no-argument
 * constructor, so that the same suite runs over both.
 */
public interface TestCarrier {

    /**
     * @param api the API to serve on an ephemeral loopback port
     * @return the running server
     */
    Running start(WorkItemsApi api);

    /**
     * A running server.
     *
     * @param port its port
     * @param stop stops it
     */
    record Running(int port, AutoCloseable stop) {}

    /** @return the carrier the system property names, or Javalin's standalone server */
    static TestCarrier current() {
        String name = System.getProperty("workitems.test.carrier");
        if (name == null || name.isBlank()) {
            return api -> {
                WorkItemsHttp.Server s = WorkItemsHttp.of(api).start("127.0.0.1", 0);
                return new Running(s.port(), s::close);
            };
        }
        try {
            return (TestCarrier) Class.forName(name).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make the test carrier " + name, e);
        }
    }
}
