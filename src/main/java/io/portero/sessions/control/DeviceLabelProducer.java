package io.portero.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** One user-agent parser for the application: building it compiles hundreds of patterns. */
@ApplicationScoped
public class DeviceLabelProducer {

    @Produces
    @jakarta.inject.Singleton
    DeviceLabels deviceLabels() {
        return new DeviceLabels();
    }
}
