package io.portero.admin.boundary;

import io.portero.platform.paging.Page;
import io.portero.sessions.entity.AdminSessionView;
import java.util.List;

/**
 * One page of AdminSessionViews, as the administrators' list answers it: {@code Page<AdminSessionView>} under a
 * name of its own, which the OpenAPI document can describe (a generic page's items it cannot).
 */
public record AdminSessionPage(List<AdminSessionView> items, int page, int size, long total) {

    static AdminSessionPage of(Page<AdminSessionView> page) {
        return new AdminSessionPage(page.items(), page.page(), page.size(), page.total());
    }
}
