package org.gatepost.hub.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The language of the hub's pages: the browser's explicit choice (the {@value #COOKIE} cookie the page's switch
 * sets) first, then its {@code Accept-Language} header (q-values respected; any {@code zh} or {@code zh-*}
 * range means Simplified Chinese, any {@code en} or {@code en-*} English), else English. Pure and thread safe.
 */
public enum PageLanguage {
    EN("en"),
    ZH_CN("zh-CN");

    /** Set by the page's language switch: {@code en} or {@code zh-CN}; a year long, readable by the page. */
    public static final String COOKIE = "gatepost_lang";
    /** Longest Accept-Language header looked at; browsers send well under 200 characters. */
    static final int HEADER_MAX = 1000;

    private final String tag;

    PageLanguage(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag the page puts in {@code <html lang>} and hands to {@code Intl}. */
    public String tag() {
        return tag;
    }

    /** The language of a tag the cookie may hold (exact, case-insensitive), or empty. */
    public static Optional<PageLanguage> ofTag(String tag) {
        for (PageLanguage l : values()) {
            if (l.tag.equalsIgnoreCase(tag == null ? "" : tag.trim())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** cookie and acceptLanguage may be null (absent). */
    public static PageLanguage choose(String cookie, String acceptLanguage) {
        return ofTag(cookie).orElseGet(() -> fromAcceptLanguage(acceptLanguage));
    }

    /**
     * The first supported range by descending q (ties keep the header's order); {@code q=0} ranges and
     * unsupported languages are skipped; {@code *} means English. Malformed parts are ignored.
     */
    static PageLanguage fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > HEADER_MAX) {
            return EN;
        }
        record Range(String language, double q, int position) {}
        List<Range> ranges = new ArrayList<>();
        String[] parts = header.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String[] fields = parts[i].split(";", -1);
            String language = fields[0].trim().toLowerCase(Locale.ROOT);
            double q = 1.0;
            for (int f = 1; f < fields.length; f++) {
                String p = fields[f].trim();
                if (p.startsWith("q=")) {
                    q = quality(p.substring(2));
                }
            }
            if (!language.isEmpty() && q > 0) {
                ranges.add(new Range(language, q, i));
            }
        }
        ranges.sort(Comparator.comparingDouble(Range::q).reversed().thenComparingInt(Range::position));
        for (Range r : ranges) {
            String primary = r.language().split("-", 2)[0];
            if (primary.equals("zh")) {
                return ZH_CN;
            }
            if (primary.equals("en") || primary.equals("*")) {
                return EN;
            }
        }
        return EN;
    }

    private static double quality(String value) {
        try {
            double q = Double.parseDouble(value.trim());
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
