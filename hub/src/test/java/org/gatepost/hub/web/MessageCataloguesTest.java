package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gatepost.hub.alert.HealthRules;
import org.gatepost.hub.auth.AuditActions;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.store.AlertKind;
import org.gatepost.hub.store.Severity;
import org.junit.jupiter.api.Test;

/** The pages' message catalogues (resources i18n/en.json and i18n/zh-CN.json) against each other and the pages. */
class MessageCataloguesTest {
    private static final Path WEB = Path.of("src", "main", "resources", "web");
    private static final Pattern HTML_KEY = Pattern.compile("data-i18n(?:-[a-z-]+)?=\"([^\"]+)\"");
    /** A quoted JS literal shaped like a key ("gate.lastEntry"); counted when its first part is a catalogue's. */
    private static final Pattern JS_KEY = Pattern.compile("'([a-z][A-Za-z]*(?:\\.[A-Za-z0-9-]+)+)'");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    private static final Pattern CJK = Pattern.compile("[\\u3000-\\u9fff\\uff00-\\uffef]");

    private final ObjectNode en = MessageRoutes.catalogue(PageLanguage.EN);
    private final ObjectNode zh = MessageRoutes.catalogue(PageLanguage.ZH_CN);

    @Test
    void everyLanguageHasExactlyTheSameKeys() {
        Set<String> onlyEn = new TreeSet<>(MessageRoutes.keys(en));
        onlyEn.removeAll(MessageRoutes.keys(zh));
        Set<String> onlyZh = new TreeSet<>(MessageRoutes.keys(zh));
        onlyZh.removeAll(MessageRoutes.keys(en));
        assertEquals(Set.of(), onlyEn, "keys only in en.json");
        assertEquals(Set.of(), onlyZh, "keys only in zh-CN.json");
        assertTrue(en.size() > 200, "catalogue of " + en.size() + " keys");
    }

    @Test
    void everyKeyThePagesAndScriptsUseExists() throws Exception {
        Set<String> keys = MessageRoutes.keys(en);
        Set<String> prefixes =
                keys.stream().map(k -> k.substring(0, k.indexOf('.'))).collect(Collectors.toSet());
        List<String> used = new ArrayList<>();
        try (Stream<Path> files = Files.list(WEB)) {
            for (Path p : files.toList()) {
                String text = Files.readString(p);
                if (p.toString().endsWith(".html")) {
                    Matcher m = HTML_KEY.matcher(text);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                } else if (p.toString().endsWith(".js")) {
                    Matcher m = JS_KEY.matcher(text);
                    while (m.find()) {
                        if (prefixes.contains(m.group(1).substring(0, m.group(1).indexOf('.')))) {
                            used.add(m.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(used.size() > 200, "found " + used.size() + " uses");
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(keys);
        assertEquals(Set.of(), missing, "keys used in web/ but missing from the catalogues");
    }

    @Test
    void aTextHasTheSamePlaceholdersInEveryLanguage() {
        for (String key : MessageRoutes.keys(en)) {
            assertEquals(
                    placeholders(en.get(key).textValue()),
                    placeholders(zh.get(key).textValue()),
                    key);
        }
    }

    @Test
    void theChineseTextsAreChinese() {
        for (String key : MessageRoutes.keys(zh)) {
            String text = zh.get(key).textValue();
            assertTrue(CJK.matcher(text).find(), key + " = " + text);
        }
    }

    @Test
    void everyDecisionAlertKindAuditActionAndSeverityHasALabel() throws Exception {
        Set<String> wanted = new TreeSet<>();
        EntryMessage.DECISIONS.forEach(d -> wanted.add("decision." + d));
        for (AlertKind kind : AlertKind.values()) {
            wanted.add("kind." + kind.wire());
        }
        for (Severity severity : Severity.values()) {
            wanted.add("severity." + severity.wire());
        }
        wanted.add("kind." + HealthRules.HEARTBEAT_MISSED);
        constants(AuditActions.class).forEach(a -> wanted.add("audit." + a));
        wanted.removeAll(MessageRoutes.keys(en));
        assertEquals(Set.of(), wanted, "API values without a label");
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<String> constants(Class<?> type) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                values.add((String) f.get(null));
            }
        }
        return values;
    }
}
