package io.portero.audit.boundary;

import io.portero.audit.entity.AuditEventView;
import io.portero.platform.paging.Page;
import java.util.List;

/**
 * One page of audit events, newest first: {@code Page<AuditEventView>} under a name of its own,
 * which the OpenAPI document can describe.
 */
public record AuditEventPage(List<AuditEventView> items, int page, int size, long total) {

    static AuditEventPage of(Page<AuditEventView> page) {
        return new AuditEventPage(page.items(), page.page(), page.size(), page.total());
    }
}
