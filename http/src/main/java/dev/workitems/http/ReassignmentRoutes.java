package dev.workitems.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workitems.Caller;
import dev.workitems.InvalidRequestException;
import dev.workitems.ReassignmentConfigType;
import dev.workitems.ReassignmentEvaluation;
import dev.workitems.ReassignmentRequest;
import dev.workitems.ReassignmentRule;
import dev.workitems.Reassignments;
import dev.workitems.TenantReassignmentSwitch;
import dev.workitems.spi.IdentityDirectory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 9 Work Reassignment routes under {@code /reassignment-configurations} (CONTRACT.md Part C, R8): parameters and
 * bodies in, the upstream schemas out. The pipeline (tracking id, authentication, rate limit, errors) is
 * {@link WorkItemsApi}'s.
 */
final class ReassignmentRoutes {
    private static final String JSON = "application/json;charset=UTF-8";

    private final Reassignments rules;
    private final IdentityDirectory identities;
    private final ObjectMapper mapper;

    ReassignmentRoutes(Reassignments rules, IdentityDirectory identities, ObjectMapper mapper) {
        this.rules = rules;
        this.identities = identities;
        this.mapper = mapper;
    }

    void types(WorkItemsApi.Exchange ctx, Caller caller) {
        List<Object> out = new ArrayList<>();
        for (ReassignmentConfigType t : rules.types(caller)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("priority", t.priority());
            // As the upstream document has them: internalName holds the camel-case name, internalNameCamel the enum's.
            m.put("internalName", t.camelName());
            m.put("internalNameCamel", t.name());
            m.put("displayName", t.displayName());
            m.put("description", t.description());
            out.add(m);
        }
        write(ctx, 200, out);
    }

    void list(WorkItemsApi.Exchange ctx, Caller caller) {
        Map<String, List<ReassignmentRule>> byIdentity = new LinkedHashMap<>();
        for (ReassignmentRule r : rules.list(caller)) {
            byIdentity.computeIfAbsent(r.identityId(), k -> new ArrayList<>()).add(r);
        }
        List<Object> out = new ArrayList<>();
        byIdentity.forEach((id, mine) -> out.add(configuration(id, mine)));
        write(ctx, 200, out);
    }

    void get(WorkItemsApi.Exchange ctx, Caller caller, String identityId) {
        write(ctx, 200, configuration(identityId, rules.get(caller, identityId)));
    }

    void create(WorkItemsApi.Exchange ctx, Caller caller, JsonNode body) {
        ReassignmentRule r = rules.create(caller, request(body));
        write(ctx, 201, configuration(r.identityId(), List.of(r)));
    }

    void put(WorkItemsApi.Exchange ctx, Caller caller, String identityId, JsonNode body) {
        ReassignmentRule r = rules.put(caller, identityId, request(body));
        write(ctx, 200, configuration(r.identityId(), List.of(r)));
    }

    void delete(WorkItemsApi.Exchange ctx, Caller caller, String identityId, String configType) {
        rules.delete(caller, identityId, ReassignmentConfigType.parse(configType, "configType"));
        ctx.status(204);
        ctx.body(null, new byte[0]);
    }

    void evaluate(WorkItemsApi.Exchange ctx, Caller caller, String identityId, String configType) {
        boolean selfReview = false;
        for (String filter : ctx.queryParams("exclusionFilters")) {
            for (String f : filter.split(",")) {
                if (f.strip().equals("SELF_REVIEW_DELEGATION")) {
                    selfReview = true;
                } else if (!f.isBlank()) {
                    throw new InvalidRequestException(
                            "exclusionFilters may only hold SELF_REVIEW_DELEGATION, not " + f, "exclusionFilters");
                }
            }
        }
        ReassignmentEvaluation ev = rules.evaluate(
                caller,
                identityId,
                ReassignmentConfigType.parse(configType, "configType"),
                selfReview ? caller.identityId() : null);
        List<Object> trail = new ArrayList<>();
        for (ReassignmentEvaluation.Step s : ev.lookupTrail()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reassignedToId", s.reassignedToId());
            m.put("reassignedFromId", s.reassignedFromId());
            m.put("reassignmentType", s.reassignmentType().name());
            trail.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reassignToId", ev.reassignToId());
        m.put("lookupTrail", trail);
        write(ctx, 200, List.of(m));
    }

    void tenant(WorkItemsApi.Exchange ctx, Caller caller) {
        write(ctx, 200, tenantJson(rules.tenantSwitch(caller)));
    }

    void setTenant(WorkItemsApi.Exchange ctx, Caller caller, JsonNode body) {
        JsonNode disabled = body.path("configDetails").get("disabled");
        if (!body.isObject() || disabled == null || !disabled.isBoolean()) {
            throw new InvalidRequestException(
                    "the body must be {\"configDetails\": {\"disabled\": true|false}}", "configDetails.disabled");
        }
        write(ctx, 200, tenantJson(rules.setTenantSwitch(caller, disabled.booleanValue())));
    }

    // ---- bodies ------------------------------------------------------------------------------------------------

    private ReassignmentRequest request(JsonNode body) {
        if (!body.isObject()) {
            throw new InvalidRequestException("the body must be a ConfigurationItemRequest JSON object", "body");
        }
        JsonNode type = body.get("configType");
        if (type != null && !type.isNull() && !type.isTextual()) {
            throw new InvalidRequestException("configType must be a string", "configType");
        }
        return new ReassignmentRequest(
                text(body, "reassignedFromId"),
                text(body, "reassignedToId"),
                type == null || type.isNull() ? null : ReassignmentConfigType.parse(type.textValue(), "configType"),
                time(body, "startDate"),
                time(body, "endDate"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidRequestException(field + " must be a string", field);
        }
        return v.textValue();
    }

    private static Instant time(JsonNode body, String field) {
        String t = text(body, field);
        if (t == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field + " must be an ISO-8601 date-time, not " + t, field);
        }
    }

    private Map<String, Object> configuration(String identityId, List<ReassignmentRule> mine) {
        List<Object> details = new ArrayList<>();
        for (ReassignmentRule r : mine) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("configType", r.configType().name());
            d.put("targetIdentity", identity(r.targetId()));
            d.put("startDate", time(r.start()));
            present(d, "endDate", time(r.end()));
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("created", time(r.created()));
            audit.put("createdBy", identity(r.createdBy()));
            present(audit, "modified", time(r.modified()));
            present(audit, "modifiedBy", r.modifiedBy() == null ? null : identity(r.modifiedBy()));
            d.put("auditDetails", audit);
            details.add(d);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identity", identity(identityId));
        m.put("configDetails", details);
        return m;
    }

    private Map<String, Object> tenantJson(TenantReassignmentSwitch s) {
        Map<String, Object> audit = new LinkedHashMap<>();
        present(audit, "modified", time(s.modified()));
        present(audit, "modifiedBy", s.modifiedBy() == null ? null : identity(s.modifiedBy()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auditDetails", audit);
        m.put("configDetails", Map.of("disabled", s.disabled()));
        return m;
    }

    /** An upstream {@code Identity} object: id and display name (D16); the id again when the directory has none. */
    private Map<String, Object> identity(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", identities.find(id).map(i -> i.displayName()).orElse(id));
        return m;
    }

    /** Leaves out what is not there: the upstream schemas have no nulls for these fields. */
    private static void present(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static String time(Instant t) {
        return t == null ? null : WireJson.TIME.format(t);
    }

    private void write(WorkItemsApi.Exchange ctx, int status, Object body) {
        try {
            byte[] bytes = mapper.writeValueAsBytes(body);
            ctx.status(status);
            ctx.body(JSON, bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response", e);
        }
    }
}
