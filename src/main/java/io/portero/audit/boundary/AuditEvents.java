package io.portero.audit.boundary;

import io.portero.audit.control.AuditSearch;
import io.portero.audit.entity.AuditEventView;
import io.portero.audit.entity.AuditFilter;
import io.portero.platform.paging.Page;
import io.portero.platform.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;

/** The audit log's read side: one page of the events a filter selects, by time. */
@ApplicationScoped
public class AuditEvents {

    /** The one sort field, {@code occurred_at} (ties by id); newest first unless asked otherwise. */
    public static final Map<String, String> SORTABLE = Map.of("occurred_at", "occurred_at");

    public static final String DEFAULT_SORT = "occurred_at,desc";

    @Inject
    AuditSearch search;

    @Transactional
    public Page<AuditEventView> search(AuditFilter filter, PageRequest page) {
        return new Page<>(
                search.find(filter, page.ascending(), page.offset(), page.size()),
                page.page(),
                page.size(),
                search.count(filter));
    }
}
