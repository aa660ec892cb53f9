package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The page's own rule, checked in its source: data goes in as text, never as HTML. */
class PageScriptsTest {
    private static final Path WEB = Path.of("src", "main", "resources", "web");
    private static final List<String> HTML_SINKS =
            List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function");

    @Test
    void noScriptInsertsHtmlOrEvaluatesText() throws Exception {
        List<Path> scripts;
        try (Stream<Path> s = Files.list(WEB)) {
            scripts = s.filter(p -> p.toString().endsWith(".js")).toList();
        }
        assertTrue(scripts.size() >= 10, "found " + scripts);
        for (Path p : scripts) {
            String js = Files.readString(p);
            for (String sink : HTML_SINKS) {
                assertFalse(js.contains(sink), p.getFileName() + " uses " + sink);
            }
        }
    }

    @Test
    void pagesLoadNoInlineScriptOrStyle() throws Exception {
        for (String page : new String[] {"index.html", "login.html"}) {
            String html = Files.readString(WEB.resolve(page));
            assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), page + " has an inline script");
            assertFalse(html.contains("style="), page + " has an inline style");
            assertFalse(html.matches("(?s).*\\son[a-z]+\\s*=.*"), page + " has an inline event handler");
        }
    }
}
