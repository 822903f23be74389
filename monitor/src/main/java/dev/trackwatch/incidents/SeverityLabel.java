package dev.trackwatch.incidents;

import dev.trackwatch.config.Severity;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.Serializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Locale;

/**
 * A severity as storage, APIs and messages spell it: lower-case ({@code critical}). The enum
 * travels from parse to output; only its spelling at the edges is lower-case.
 */
@Singleton
public final class SeverityLabel implements Serializer<Severity> {

    /** Returns the lower-case name of {@code severity}. */
    public static String of(Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }

    /** Returns the severity spelled {@code label} in any case. */
    public static Severity parse(String label) {
        return Severity.valueOf(label.toUpperCase(Locale.ROOT));
    }

    @Override
    public void serialize(Encoder encoder, EncoderContext context, Argument<? extends Severity> type, Severity value)
            throws IOException {
        encoder.encodeString(of(value));
    }
}
