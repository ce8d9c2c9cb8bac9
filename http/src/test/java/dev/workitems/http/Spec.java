package dev.workitems.http;

import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Validates response bodies against the upstream V2024 OpenAPI document with a JSON-schema library using the OpenAPI
 * 3.0 dialect (so {@code nullable} counts). 200 responses use the operation's own schema; error responses use the
 * shared {@code components/responses} their operations refer to.
 *
 * <p>One rewrite is applied before validating: the document marks nullable references as {@code allOf: [{$ref: X},
 * {nullable: true}]} ({@code WorkItems.form}, {@code ApprovalItemDetails.state}). Under OpenAPI 3.0.3, {@code nullable}
 * has no effect without a {@code type} in the same schema object, so a strict validator would refuse the {@code null}
 * that the contract (Part B 2.1, D12) requires. Each such {@code allOf} is replaced by X itself with {@code nullable:
 * true} beside its {@code type}, which is what the spec means. And enum values with a stray trailing comma (the Work
 * Reassignment document's {@code ReassignmentTypeEnum}) lose it, as the contract's R8 decides.
 */
final class Spec {
    private static final String IRI = "https://workitems.test/spec/deref-sailpoint-api.v2024.work-items.json";
    private static final String REASSIGNMENT_IRI =
            "https://workitems.test/spec/deref-sailpoint-api.v2024.work-reassignment.json";
    private static final SchemaRegistry REGISTRY;
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    static {
        REGISTRY = SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi30(),
                b -> b.schemas(Map.of(
                        IRI,
                        load("/spec/deref-sailpoint-api.v2024.work-items.yaml"),
                        REASSIGNMENT_IRI,
                        load("/spec/deref-sailpoint-api.v2024.work-reassignment.yaml"))));
    }

    private static String load(String resource) {
        try (InputStream in = Spec.class.getResourceAsStream(resource)) {
            ObjectNode doc = (ObjectNode) new YAMLMapper().readTree(in);
            rewriteNullableRefs(doc, doc);
            return JsonMapper.builder().build().writeValueAsString(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Spec() {}

    private static final Map<String, Schema> V1_CACHE = new ConcurrentHashMap<>();

    /**
     * Validates a 200 body against the {@code /work-items/v1} layout's document (a copy of {@code shared/spec/
     * work-items-v1}, whose files refer to each other): the operation's response schema, with every file it refers to
     * inlined, and the same nullable rewrite as the V2024 document.
     *
     * @param pathFile the path's file, e.g. {@code work-items-v1-by-id.yaml}
     * @param method get or post
     * @param body the response body
     */
    static void assertValidV1(String pathFile, String method, String body) {
        Schema schema = V1_CACHE.computeIfAbsent(pathFile + " " + method, k -> {
            JsonNode path = yaml("/spec/work-items-v1/paths/" + pathFile);
            JsonNode s = path.path(method)
                    .path("responses")
                    .path("200")
                    .path("content")
                    .path("application/json")
                    .path("schema");
            ObjectNode wrapper = JsonMapper.builder().build().createObjectNode();
            wrapper.set("s", inline(s.deepCopy(), "/spec/work-items-v1/paths/"));
            rewriteNullableRefs(wrapper, wrapper);
            String iri = "https://workitems.test/spec/work-items-v1/" + pathFile + "/" + method;
            String json = JsonMapper.builder().build().writeValueAsString(wrapper.get("s"));
            return SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), b -> b.schemas(Map.of(iri, json)))
                    .getSchema(SchemaLocation.of(iri));
        });
        List<Error> errors = schema.validate(body, InputFormat.JSON);
        if (!errors.isEmpty()) {
            fail(method.toUpperCase() + " /work-items/v1 (" + pathFile + ") body does not match the v1 spec: " + errors
                    + "\n" + body);
        }
    }

    private static JsonNode yaml(String resource) {
        try (InputStream in = Spec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces every {@code $ref} to a file with the file's content, resolved against the folder it stands in. */
    private static JsonNode inline(JsonNode node, String folder) {
        if (node instanceof ObjectNode o) {
            JsonNode ref = o.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                String target =
                        java.net.URI.create("x:" + folder).resolve(ref.asText()).getSchemeSpecificPart();
                String targetFolder = target.substring(0, target.lastIndexOf('/') + 1);
                return inline(yaml(target).deepCopy(), targetFolder);
            }
            List<String> names = new ArrayList<>();
            o.propertyNames().forEach(names::add);
            for (String name : names) {
                o.set(name, inline(o.get(name), folder));
            }
            return o;
        }
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, inline(a.get(i), folder));
            }
        }
        return node;
    }

    private static void rewriteNullableRefs(ObjectNode doc, JsonNode node) {
        if (node instanceof ObjectNode o && o.get("enum") instanceof ArrayNode values) {
            // R8: the Work Reassignment document writes three ReassignmentTypeEnum values with a stray trailing comma
            // ("MANUAL_REASSIGNMENT,"); the contract writes them without it.
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i).isTextual() ? values.get(i).asText() : null;
                if (v != null && v.endsWith(",")) {
                    values.set(i, v.substring(0, v.length() - 1));
                }
            }
        }
        if (node instanceof ObjectNode o) {
            JsonNode allOf = o.get("allOf");
            if (allOf instanceof ArrayNode a
                    && a.size() == 2
                    && a.get(0).isObject()
                    && a.get(1).size() == 1
                    && a.get(1).path("nullable").asBoolean(false)) {
                // a reference within the document, or (in the v1 layout's files, once inlined) the schema itself
                JsonNode target = a.get(0).has("$ref")
                        ? doc.at(a.get(0).get("$ref").asText().substring(1))
                        : a.get(0);
                o.remove("allOf");
                o.setAll((ObjectNode) target.deepCopy());
                o.put("nullable", true);
            }
            List<JsonNode> children = new ArrayList<>();
            o.values().forEach(children::add);
            children.forEach(c -> rewriteNullableRefs(doc, c));
        } else if (node instanceof ArrayNode a) {
            a.values().forEach(c -> rewriteNullableRefs(doc, c));
        }
    }

    /**
     * @param path the path template, e.g. {@code /work-items/{id}}
     * @param method get or post
     * @param status the response status
     * @param body the response body
     */
    static void assertValid(String path, String method, int status, String body) {
        assertValid(IRI, path, method, status, body);
    }

    /**
     * Validates against the Work Reassignment document.
     *
     * @param path the path template, e.g. {@code /reassignment-configurations/{identityId}}
     * @param method get, post, put or delete
     * @param status the response status (200 or 201: the operation's schema; else the shared error responses)
     * @param body the response body
     */
    static void assertValidReassignment(String path, String method, int status, String body) {
        assertValid(REASSIGNMENT_IRI, path, method, status, body);
    }

    private static void assertValid(String iri, String path, String method, int status, String body) {
        String pointer = status == 200 || status == 201
                ? "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method + "/responses/" + status
                        + "/content/application~1json/schema"
                : "/components/responses/" + status + "/content/application~1json/schema";
        String fragment = pointer.replace("{", "%7B").replace("}", "%7D");
        Schema schema =
                CACHE.computeIfAbsent(iri + fragment, f -> REGISTRY.getSchema(SchemaLocation.of(iri + "#" + fragment)));
        List<Error> errors = schema.validate(body, InputFormat.JSON);
        if (!errors.isEmpty()) {
            fail(method.toUpperCase() + " " + path + " " + status + " body does not match the spec: " + errors + "\n"
                    + body);
        }
    }
}
