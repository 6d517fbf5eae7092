package io.portero.auth.boundary;

import io.portero.auth.control.KeyRing;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The public keys that verify Portero's access tokens, for other services (RFC 7517 JWKS). */
@WebServlet(urlPatterns = "/.well-known/jwks.json")
public class JwksServlet extends HttpServlet {

    @Inject
    KeyRing keys;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/jwk-set+json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "public, max-age=300");
        response.getWriter().write(keys.jwks());
    }
}
