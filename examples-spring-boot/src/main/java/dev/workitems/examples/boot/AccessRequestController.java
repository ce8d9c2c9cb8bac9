package dev.workitems.examples.boot;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The host's own endpoint, beside the V2024 API on the same port. */
@RestController
@RequestMapping("/access-requests")
class AccessRequestController {
    private final AccessRequests requests;

    AccessRequestController(AccessRequests requests) {
        this.requests = requests;
    }

    /** The body: requesterId, ownerId, application, entitlement, and failAfterwards to watch a rollback. */
    record Body(String requesterId, String ownerId, String application, String entitlement, Boolean failAfterwards) {}

    @PostMapping
    ResponseEntity<Object> create(@RequestBody Body b) {
        if (b.requesterId() == null || b.ownerId() == null || b.application() == null || b.entitlement() == null) {
            return ResponseEntity.badRequest()
                    .body(Map.of("error", "requesterId, ownerId, application and entitlement are required"));
        }
        try {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(requests.request(
                            b.requesterId(),
                            b.ownerId(),
                            b.application(),
                            b.entitlement(),
                            Boolean.TRUE.equals(b.failAfterwards())));
        } catch (dev.workitems.WorkItemsException refused) {
            return ResponseEntity.status(refused.status())
                    .body(Map.of("error", refused.getMessage() + "; nothing was written"));
        } catch (IllegalStateException rolledBack) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body(Map.of("error", rolledBack.getMessage() + "; the transaction rolled back"));
        }
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return requests.list();
    }
}
