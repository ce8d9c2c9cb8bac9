package dev.workitems.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** This module's tests run inside its named module, which exports only its API (and SPI): the boundary is real. */
class NamedModuleTest {

    @Test
    void theTestsRunInsideTheNamedModuleAndItExportsOnlyItsApi() {
        Module module = WorkItemsMetrics.class.getModule();
        assertTrue(
                module.isNamed(), "the tests must run on the module path (surefire useModulePath), not the class path");
        assertEquals("dev.workitems.micrometer", module.getName());
        assertEquals(
                Set.of("dev.workitems.micrometer"),
                module.getDescriptor().exports().stream()
                        .filter(e -> !e.isQualified())
                        .map(ModuleDescriptor.Exports::source)
                        .collect(Collectors.toSet()));
    }
}
