package io.portero.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archive under test: the WAR the build produced, exactly as operators deploy it. */
public final class Deployments {

    private Deployments() {}

    public static WebArchive war() {
        File war = new File(System.getProperty("portero.it.war", "target/portero.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
