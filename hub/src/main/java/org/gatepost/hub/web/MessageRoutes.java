package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /api/messages}: the pages' texts in the language {@link PageLanguage#choose} picks for this browser,
 * as {@code {"lang": "zh-CN", "languages": ["en", "zh-CN"], "messages": {key: text}}}. Public (the login page
 * needs it). The catalogues are the classpath resources {@code /i18n/<tag>.json}, flat maps with the same keys,
 * read once; texts may hold {@code {name}} placeholders the page fills in. Thread safe.
 */
final class MessageRoutes {
    static final String PATH = "/api/messages";

    private final Map<PageLanguage, ObjectNode> catalogues = new EnumMap<>(PageLanguage.class);

    MessageRoutes() {
        for (PageLanguage l : PageLanguage.values()) {
            catalogues.put(l, catalogue(l));
        }
        Set<String> english = keys(catalogues.get(PageLanguage.EN));
        for (Map.Entry<PageLanguage, ObjectNode> c : catalogues.entrySet()) {
            if (!keys(c.getValue()).equals(english)) {
                throw new IllegalStateException("catalogue " + c.getKey().tag() + " has other keys than en");
            }
        }
    }

    void messages(Context ctx) throws BadRequestException {
        QueryParams.allowOnly(ctx, Set.of());
        PageLanguage lang = PageLanguage.choose(ctx.cookie(PageLanguage.COOKIE), ctx.header("Accept-Language"));
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        body.put("lang", lang.tag());
        var languages = body.putArray("languages");
        for (PageLanguage l : PageLanguage.values()) {
            languages.add(l.tag());
        }
        body.set("messages", catalogues.get(lang));
        ApiRoutes.send(ctx, 200, body);
    }

    /** The catalogue resource of a language, parsed; every value a string. */
    static ObjectNode catalogue(PageLanguage lang) {
        String path = "/i18n/" + lang.tag() + ".json";
        try (InputStream in = MessageRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            JsonNode n = JsonViews.MAPPER.readTree(in);
            if (!(n instanceof ObjectNode o)) {
                throw new IllegalStateException(path + ": not a JSON object");
            }
            o.fields().forEachRemaining(f -> {
                if (!f.getValue().isTextual()) {
                    throw new IllegalStateException(path + ": " + f.getKey() + " is not a string");
                }
            });
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> keys(ObjectNode catalogue) {
        Set<String> keys = new TreeSet<>();
        catalogue.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
