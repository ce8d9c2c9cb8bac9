package dev.workitems.storage.jdbc;

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
        Module module = JdbcWorkItemRepository.class.getModule();
        assertTrue(
                module.isNamed(), "the tests must run on the module path (surefire useModulePath), not the class path");
        assertEquals("dev.workitems.storage.jdbc", module.getName());
        assertEquals(
                Set.of("dev.workitems.storage.jdbc"),
                module.getDescriptor().exports().stream()
                        .filter(e -> !e.isQualified())
                        .map(ModuleDescriptor.Exports::source)
                        .collect(Collectors.toSet()));
    }
}
