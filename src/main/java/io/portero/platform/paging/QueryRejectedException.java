package io.portero.platform.paging;

import io.portero.platform.problem.InvalidInputException;

/** A query parameter of a list (page, size, sort, a filter) that cannot be honoured. */
public class QueryRejectedException extends InvalidInputException {

    public QueryRejectedException(String parameter, String violation) {
        super(parameter, violation);
    }
}
