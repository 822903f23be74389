package dev.trackwatch.schedule;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Reloads the checks directory on SIGHUP, as operators of Prometheus and Alertmanager expect;
 * without it the JVM's default SIGHUP handling shuts the daemon down. Installed when the server
 * starts, so only the daemon ({@code serve}, {@code demo}) reacts; one-shot commands keep the default.
 *
 * <p>The handler is {@code sun.misc.Signal} from the {@code jdk.unsupported} module, which every
 * JDK exports without flags. It is reached by reflection because javac warns about
 * {@code sun.misc} at every use and warnings fail the build. The reload runs on its own virtual
 * thread, not on the JVM's signal dispatcher thread, which must stay free for SIGTERM and SIGINT.
 * When SIGHUP cannot be handled (started under {@code nohup}, which ignores it, or {@code -Xrs})
 * this is logged and the daemon runs on: a reload is still one {@code POST /api/reload} away.
 */
@Singleton
@Requires(property = "trackwatch.reload.sighup", value = "true", defaultValue = "true")
public class HangupReload implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(HangupReload.class);

    private final ChecksHolder checks;

    public HangupReload(ChecksHolder checks) {
        this.checks = checks;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        try {
            install();
            LOG.info("checks: SIGHUP reloads the checks directory");
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            LOG.warn("checks: SIGHUP cannot be handled ({}); reload with POST /api/reload", cause.toString());
        }
    }

    private void install() throws ReflectiveOperationException {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
        Constructor<?> signal = signalClass.getConstructor(String.class);
        Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
        Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                (proxy, method, args) -> switch (method.getName()) {
                    case "handle" -> {
                        Thread.ofVirtual().name("sighup-reload").start(this::reload);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "HangupReload";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        handle.invoke(null, signal.newInstance("HUP"), handler);
    }

    private void reload() {
        LOG.info("checks: reload on SIGHUP");
        try {
            ChecksHolder.ReloadOutcome outcome = checks.reload();
            LOG.info("checks: SIGHUP reload {} config {}", outcome.applied() ? "applied" : "rejected, still running",
                    outcome.hash() == null ? "none" : outcome.hash());
        } catch (RuntimeException e) {
            // A reload failure must not escape into a dying thread unlogged; the daemon runs on.
            LOG.error("checks: reload on SIGHUP failed", e);
        }
    }
}
