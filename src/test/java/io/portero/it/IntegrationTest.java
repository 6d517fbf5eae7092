package io.portero.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every integration test class shares: the WAR deployed on Payara Micro (one boot per class),
 * a client bound to it on 127.0.0.1, and the administrator logged out again after each test.
 */
@ExtendWith(ArquillianExtension.class)
abstract class IntegrationTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL url;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(url);
    }

    @AfterEach
    void logoutAdministrator() {
        api.close();
    }

    /** A fresh user with {@link Api#PASSWORD}, created by the administrator, who is logged out again. */
    String newUser(String prefix) {
        String user = api.createUser(api.adminToken(), Api.uniqueName(prefix));
        api.close();
        return user;
    }
}
