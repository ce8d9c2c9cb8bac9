package dev.workitems;

import static dev.workitems.Checks.notNull;

/**
 * A remediation item of a work item ({@code RemediationItemDetails}); every field is non-null on the wire.
 *
 * @param id the certification id
 * @param targetId the certification target id
 * @param targetName the target's name
 * @param targetDisplayName the target's display name
 * @param applicationName the application or source name
 * @param attributeName the attribute certified
 * @param attributeOperation the operation on the attribute
 * @param attributeValue the attribute's value
 * @param nativeIdentity the target's native identity
 */
public record RemediationItem(
        String id,
        String targetId,
        String targetName,
        String targetDisplayName,
        String applicationName,
        String attributeName,
        String attributeOperation,
        String attributeValue,
        String nativeIdentity) {

    /** @throws InvalidRequestException if any field is null (use "" for an empty value) */
    public RemediationItem {
        notNull(id, "remediationItems.id");
        notNull(targetId, "remediationItems.targetId");
        notNull(targetName, "remediationItems.targetName");
        notNull(targetDisplayName, "remediationItems.targetDisplayName");
        notNull(applicationName, "remediationItems.applicationName");
        notNull(attributeName, "remediationItems.attributeName");
        notNull(attributeOperation, "remediationItems.attributeOperation");
        notNull(attributeValue, "remediationItems.attributeValue");
        notNull(nativeIdentity, "remediationItems.nativeIdentity");
    }
}
