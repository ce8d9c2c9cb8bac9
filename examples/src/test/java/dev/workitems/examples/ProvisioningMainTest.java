package dev.workitems.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provisioning example dies mid-batch, starts again, and provisions every approval exactly once. */
class ProvisioningMainTest {

    @Test
    void nothingIsMissedOrDoneTwiceAcrossTheRestart(@TempDir Path dir) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ProvisioningMain.run(dir.resolve("provisioning.db"), new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("power cut in the middle of a batch"), out);
        assertTrue(out.contains("already provisioned, skipped"), "the interrupted batch comes again:\n" + out);
        assertTrue(
                out.contains("provisioned 5 approval items for 5 approvals: nothing missed, nothing done twice"), out);
        assertEquals(
                5,
                out.lines()
                        .filter(l -> l.contains("   provisioned approval item"))
                        .count(),
                out);
    }
}
