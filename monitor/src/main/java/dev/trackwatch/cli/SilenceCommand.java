package dev.trackwatch.cli;

import dev.trackwatch.api.SilenceApiClient;
import dev.trackwatch.route.SilenceRequest;
import dev.trackwatch.route.SilenceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code trackwatch silence add|list|expire}: manages silences through a running daemon's API
 * ({@code --api}, default {@code http://127.0.0.1:8080}), so they are validated and authorized in
 * one place and work while the daemon holds the embedded engine. The token comes from
 * {@code TRACKWATCH_API_TOKEN} (or {@code --token}, which other users can see in the process list).
 */
@Command(name = "silence", mixinStandardHelpOptions = true,
        description = "Add, list and expire silences on a running daemon.",
        subcommands = {SilenceCommand.Add.class, SilenceCommand.ListSilences.class, SilenceCommand.Expire.class})
final class SilenceCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the daemon is and how to authenticate. */
    static final class ApiOptions {
        @Option(names = "--api", paramLabel = "URL", defaultValue = "${env:TRACKWATCH_API_URL:-http://127.0.0.1:8080}",
                description = "The daemon's HTTP address (default: $TRACKWATCH_API_URL, else http://127.0.0.1:8080).")
        String api;

        @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:TRACKWATCH_API_TOKEN}",
                description = "The API's bearer token (default: $TRACKWATCH_API_TOKEN; prefer the variable).")
        String token;

        SilenceApiClient client() {
            URI uri;
            try {
                uri = URI.create(api);
            } catch (IllegalArgumentException e) {
                throw new UserFacingException("--api: '" + api + "' is not a URL like http://127.0.0.1:8080");
            }
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new UserFacingException("--api: '" + api + "' is not a URL like http://127.0.0.1:8080");
            }
            return new SilenceApiClient(uri, token);
        }
    }

    /** Runs a call against the API, turning its refusals into one line on stderr. */
    static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SilenceApiClient.SilenceApiException e) {
            throw new UserFacingException(e.getMessage());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Silence alerts matching all the matchers; prints the new silence's id.")
    static final class Add implements Callable<Integer> {

        @Mixin
        ApiOptions options;

        @Option(names = {"-m", "--matchers"}, required = true, paramLabel = "MATCHERS",
                description = "Matchers, e.g. 'dataset=\"product_events\"' (repeatable; commas separate several).")
        List<String> matchers;

        @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", description = "How long, e.g. 2h (or --ends-at).")
        String duration;

        @Option(names = "--ends-at", paramLabel = "ISO-8601", description = "When it ends, e.g. 2026-11-20T18:00:00Z.")
        String endsAt;

        @Option(names = "--starts-at", paramLabel = "ISO-8601", description = "When it starts (default: now).")
        String startsAt;

        @Option(names = {"-c", "--comment"}, required = true, paramLabel = "TEXT", description = "Why.")
        String comment;

        @Option(names = "--by", paramLabel = "NAME", defaultValue = "${sys:user.name}",
                description = "Who creates it (default: ${DEFAULT-VALUE}).")
        String by;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SilenceRequest request = new SilenceRequest(LabelArguments.matchers(matchers), startsAt, endsAt, duration,
                    by, comment);
            SilenceView silence = SilenceCommand.call(() -> options.client().create(request));
            PrintWriter out = spec.commandLine().getOut();
            out.println(silence.id());
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List active and pending silences.")
    static final class ListSilences implements Callable<Integer> {

        @Mixin
        ApiOptions options;

        @Option(names = "--expired", description = "Also list silences that have ended.")
        boolean expired;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<SilenceView> silences = SilenceCommand.call(() -> options.client().list(expired));
            PrintWriter out = spec.commandLine().getOut();
            print(out, silences);
            out.flush();
            return 0;
        }

        /** One line per silence under a header; nothing but the header when there are none. */
        static void print(PrintWriter out, List<SilenceView> silences) {
            String format = "%-36s  %-7s  %-24s  %-24s  %-12s  %s  %s%n";
            out.printf(format, "ID", "STATUS", "STARTS", "ENDS", "CREATED BY", "MATCHERS", "COMMENT");
            for (SilenceView s : silences) {
                out.printf(format, s.id(), s.status(), s.startsAt(), s.endsAt(), s.createdBy(),
                        String.join(",", s.matchers()), s.comment());
            }
        }
    }

    @Command(name = "expire", mixinStandardHelpOptions = true, description = "End silences now.")
    static final class Expire implements Callable<Integer> {

        @Mixin
        ApiOptions options;

        @Parameters(arity = "1..*", paramLabel = "ID", description = "The ids of the silences to expire.")
        List<String> ids;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SilenceApiClient client = options.client();
            PrintWriter out = spec.commandLine().getOut();
            for (String id : ids) {
                SilenceCommand.call(() -> client.expire(id));
                out.println("expired " + id);
                out.flush();
            }
            return 0;
        }
    }
}
