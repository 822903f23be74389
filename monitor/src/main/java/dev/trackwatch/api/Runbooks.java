package dev.trackwatch.api;

import dev.trackwatch.loader.ConfigLoader;
import dev.trackwatch.run.RunConfiguration;
import jakarta.inject.Singleton;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The runbooks under {@code runbooks/}, rendered from Markdown by commonmark-java for the incident
 * page and {@code /runbooks/NAME.md} (the URL Slack messages link to). Raw HTML in a runbook is
 * escaped, not passed through ({@code escapeHtml}), and link targets with unsafe schemes such as
 * {@code javascript:} are dropped ({@code sanitizeUrls}): a runbook is text a reviewer merged, not
 * markup the daemon vouches for. Only names of {@code .md} files inside the directory are served.
 */
@Singleton
public class Runbooks {

    /** The longest runbook rendered; a runbook is a page, not a dump. */
    static final long MAX_BYTES = 256 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.md");

    /** A rendered runbook: its file name, its first heading (or the name) and its HTML. */
    public record Rendered(String name, String title, String html, String markdown) {
    }

    private final Path dir;
    // GitHub-style tables, as the runbooks are also read on GitHub (runbooks/README.md has one).
    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();

    public Runbooks(PagesConfiguration pages, RunConfiguration run) {
        this.dir = (pages.getRunbooksDir().isEmpty() ? ConfigLoader.defaultRunbooksDir(run.getChecksDir())
                : Path.of(pages.getRunbooksDir())).toAbsolutePath().normalize();
    }

    /** Returns runbook {@code name} (a file of the directory ending in .md) rendered, or empty if there is none. */
    public Optional<Rendered> render(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        Path file = dir.resolve(name).normalize();
        try {
            if (!file.startsWith(dir) || !Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            String markdown = Files.readString(file, StandardCharsets.UTF_8);
            Node document = parser.parse(markdown);
            return Optional.of(new Rendered(name, title(document).orElse(name), renderer.render(document), markdown));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> title(Node document) {
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h) {
                StringBuilder text = new StringBuilder();
                for (Node c = h.getFirstChild(); c != null; c = c.getNext()) {
                    if (c instanceof Text t) {
                        text.append(t.getLiteral());
                    }
                }
                return Optional.of(text.toString());
            }
        }
        return Optional.empty();
    }
}
