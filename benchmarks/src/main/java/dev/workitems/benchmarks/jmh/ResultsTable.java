package dev.workitems.benchmarks.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result of {@link CompareBenchmark} into a Markdown table: ops/s per system and operation (batches
 * of single shots are converted to ops/s) with JMH's error, and the ratios workitems / Flowable.
 *
 * <p>Arguments: the JSON file, the Markdown file to write, and a line describing the machine.
 */
public final class ResultsTable {
    private ResultsTable() {
    }

    /** @param args json, markdown, machine description */
    public static void main(String[] args) throws Exception {
        JsonNode results = new ObjectMapper().readTree(Files.readAllBytes(Path.of(args[0])));
        Map<String, Map<String, double[]>> table = new TreeMap<>(); // "op n" -> system -> {ops/s, error ops/s}
        for (JsonNode r : results) {
            String op = r.get("benchmark").asText().replaceAll(".*\\.", "");
            String system = r.get("params").get("system").asText();
            String n = r.get("params").get("n").asText();
            JsonNode m = r.get("primaryMetric");
            double score = m.get("score").asDouble();
            double error = m.get("scoreError").isNumber() ? m.get("scoreError").asDouble() : Double.NaN;
            double opsPerSecond;
            double opsError;
            if (r.get("mode").asText().equals("ss")) {
                double batch = r.get("measurementBatchSize").asDouble();
                opsPerSecond = batch / (score / 1e6);
                opsError = Double.isNaN(error) ? Double.NaN : opsPerSecond * error / score;
            } else {
                opsPerSecond = score;
                opsError = error;
            }
            table.computeIfAbsent(op + " @ " + n, k -> new LinkedHashMap<>()).put(system, new double[]{opsPerSecond, opsError});
        }
        List<String> systems = List.of("workitems-memory", "workitems-sqlite", "workitems-postgres", "flowable-h2", "flowable-postgres",
                "floor-sqlite", "floor-postgres");
        StringBuilder md = new StringBuilder();
        md.append("| operation @ items |");
        systems.forEach(s -> md.append(' ').append(s).append(" |"));
        md.append(" workitems-postgres / flowable-postgres | workitems-sqlite / flowable-h2 | workitems-sqlite / floor-sqlite | workitems-postgres / floor-postgres |\n|---|");
        systems.forEach(s -> md.append("---|"));
        md.append("---|---|---|---|\n");
        for (Map.Entry<String, Map<String, double[]>> row : table.entrySet()) {
            md.append("| ").append(row.getKey()).append(" |");
            for (String s : systems) {
                double[] v = row.getValue().get(s);
                md.append(' ').append(v == null ? "–" : format(v[0]) + (Double.isNaN(v[1]) ? "" : " ± " + format(v[1]))).append(" |");
            }
            md.append(' ').append(ratio(row.getValue(), "workitems-postgres", "flowable-postgres")).append(" |");
            md.append(' ').append(ratio(row.getValue(), "workitems-sqlite", "flowable-h2")).append(" |");
            md.append(' ').append(ratio(row.getValue(), "workitems-sqlite", "floor-sqlite")).append(" |");
            md.append(' ').append(ratio(row.getValue(), "workitems-postgres", "floor-postgres")).append(" |\n");
        }
        List<String> out = new ArrayList<>(List.of(md.toString()));
        Files.writeString(Path.of(args[1]), String.join("", out));
        System.out.print(md);
    }

    private static String ratio(Map<String, double[]> row, String a, String b) {
        double[] x = row.get(a);
        double[] y = row.get(b);
        return x == null || y == null ? "–" : String.format("%.2fx", x[0] / y[0]);
    }

    private static String format(double v) {
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.1f", v);
    }
}
