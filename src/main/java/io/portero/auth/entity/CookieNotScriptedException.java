package io.portero.auth.entity;

import io.portero.platform.problem.DomainException;

/**
 * A refresh or logout that would use the refresh cookie but could have been sent by a cross-site
 * HTML form: no JSON {@code Content-Type} and no {@code X-Portero-Client} header. The cookie is
 * left as it was.
 */
public class CookieNotScriptedException extends DomainException {

    public CookieNotScriptedException() {
        super("csrf_check_failed", 403, "refresh cookie presented without a JSON body or X-Portero-Client header");
    }
}
