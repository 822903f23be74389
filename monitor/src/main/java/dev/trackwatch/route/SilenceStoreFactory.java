package dev.trackwatch.route;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.jooq.DSLContext;

/** The daemon's {@link SilenceStore}, in the state database; its table is created on first use. */
@Factory
public class SilenceStoreFactory {

    @Singleton
    public SilenceStore silenceStore(DSLContext dsl) {
        return new SilenceStore(dsl);
    }
}
