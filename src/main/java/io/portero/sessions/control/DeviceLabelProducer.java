package io.portero.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One user-agent parser for the application: building it compiles hundreds of patterns. */
@ApplicationScoped
public class DeviceLabelProducer {

    @Produces
    @Singleton
    DeviceLabels deviceLabels() {
        return new DeviceLabels();
    }
}
