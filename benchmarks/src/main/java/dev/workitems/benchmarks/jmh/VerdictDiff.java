package dev.workitems.benchmarks.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sets the target verdicts of two comparison reports side by side (for example a short profile's beside the full run's)
 * and counts where they disagree: how far a quick profile can be trusted. Targets are matched by their text; those only
 * one report judges are listed apart. Usage: {@code VerdictDiff short.md full.md}.
 */
public final class VerdictDiff {
    private VerdictDiff() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: VerdictDiff <report a> <report b>");
            System.exit(2);
        }
        Map<String, String[]> a = verdicts(Path.of(args[0]));
        Map<String, String[]> b = verdicts(Path.of(args[1]));
        int both = 0;
        int differ = 0;
        int closeDiffer = 0;
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String[]> e : a.entrySet()) {
            String[] other = b.get(e.getKey());
            if (other == null) {
                continue;
            }
            both++;
            boolean holdsA = holds(e.getValue()[1]);
            boolean holdsB = holds(other[1]);
            if (holdsA != holdsB) {
                differ++;
                boolean flagged = e.getValue()[1].endsWith("(close)");
                if (flagged) {
                    closeDiffer++;
                }
                out.append(String.format(
                        "- %s: %s %s, %s %s%n", e.getKey(), e.getValue()[1], e.getValue()[0], other[1], other[0]));
            }
        }
        System.out.printf(
                "%d targets judged by both; %d verdicts differ, %d of them marked close in the first report%n%s",
                both, differ, closeDiffer, out);
        for (String k : a.keySet()) {
            if (!b.containsKey(k)) {
                System.out.println("only in the first: " + k);
            }
        }
        for (String k : b.keySet()) {
            if (!a.containsKey(k)) {
                System.out.println("only in the second: " + k);
            }
        }
    }

    private static boolean holds(String verdict) {
        return verdict.startsWith("yes");
    }

    /** @return target -> {measured, verdict}, from the report's table of targets (not measured ones left out) */
    static Map<String, String[]> verdicts(Path report) throws IOException {
        Map<String, String[]> out = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(report)) {
            if (line.startsWith("## Against the targets")) {
                inTable = true;
                continue;
            }
            if (inTable && line.startsWith("## ")) {
                break;
            }
            if (!inTable || !line.startsWith("| ") || line.startsWith("| target ")) {
                continue;
            }
            String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
            if (cells.length == 3 && !cells[2].equals("not measured")) {
                out.put(cells[0], new String[] {cells[1], cells[2].replace("**", "")});
            }
        }
        return out;
    }
}
