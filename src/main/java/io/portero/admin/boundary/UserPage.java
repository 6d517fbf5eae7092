package io.portero.admin.boundary;

import io.portero.accounts.boundary.UserView;
import io.portero.platform.paging.Page;
import java.util.List;

/**
 * One page of UserViews, as the administrators' list answers it: {@code Page<UserView>} under a
 * name of its own, which the OpenAPI document can describe (a generic page's items it cannot).
 */
public record UserPage(List<UserView> items, int page, int size, long total) {

    static UserPage of(Page<UserView> page) {
        return new UserPage(page.items(), page.page(), page.size(), page.total());
    }
}
