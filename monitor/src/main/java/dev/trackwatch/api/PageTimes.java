package dev.trackwatch.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Gives every page the same way to show a point in time: {@code ${times.utc(x)}} renders an
 * {@link Instant}, or an ISO-8601 string of one, as {@code 2026-12-07 23:33 UTC}, readable without
 * JavaScript; {@code static/trackwatch-time.js} then shows it in the viewer's time zone and keeps the
 * UTC text as the element's title. Added to every map model, so no page builds its own formatter.
 */
@Singleton
public class PageTimes implements ViewModelProcessor<Map<String, Object>> {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> modelAndView) {
        modelAndView.getModel().filter(model -> !model.containsKey("times")).ifPresent(model -> {
            // A copy, as a page's model may be immutable (Map.of).
            Map<String, Object> withTimes = new java.util.LinkedHashMap<>(model);
            withTimes.put("times", this);
            modelAndView.setModel(withTimes);
        });
    }

    /** Returns {@code at} as {@code yyyy-MM-dd HH:mm UTC}; an unparseable string as it is, null as empty. */
    public String utc(@Nullable Object at) {
        if (at == null) {
            return "";
        }
        if (at instanceof Instant i) {
            return UTC.format(i);
        }
        try {
            return UTC.format(Instant.parse(at.toString()));
        } catch (DateTimeParseException e) {
            return at.toString();
        }
    }
}
