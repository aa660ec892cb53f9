package org.gatepost.hub.web;

import static org.gatepost.hub.web.PageLanguage.EN;
import static org.gatepost.hub.web.PageLanguage.ZH_CN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PageLanguageTest {
    @Test
    void anyChineseRangeMeansSimplifiedChinese() {
        assertEquals(ZH_CN, PageLanguage.choose(null, "zh-CN,zh;q=0.9,en;q=0.8"));
        assertEquals(ZH_CN, PageLanguage.choose(null, "zh"));
        assertEquals(ZH_CN, PageLanguage.choose(null, "zh-TW"));
        assertEquals(ZH_CN, PageLanguage.choose(null, "ZH-hans-cn"));
    }

    @Test
    void qValuesDecideNotTheOrder() {
        assertEquals(ZH_CN, PageLanguage.choose(null, "en;q=0.5, zh-CN;q=0.9"));
        assertEquals(EN, PageLanguage.choose(null, "zh-CN;q=0.4, en-GB;q=0.8"));
        assertEquals(EN, PageLanguage.choose(null, "zh;q=0, en"));
        assertEquals(ZH_CN, PageLanguage.choose(null, "en;q=0, zh-CN;q=0.1"));
    }

    @Test
    void unsupportedLanguagesAreSkipped() {
        assertEquals(ZH_CN, PageLanguage.choose(null, "fr-FR, de;q=0.9, zh;q=0.5"));
        assertEquals(EN, PageLanguage.choose(null, "fr-FR, de;q=0.9"));
        assertEquals(EN, PageLanguage.choose(null, "*"));
    }

    @Test
    void englishWithoutAUsableHeader() {
        assertEquals(EN, PageLanguage.choose(null, null));
        assertEquals(EN, PageLanguage.choose(null, ""));
        assertEquals(EN, PageLanguage.choose(null, ";;,,q=abc"));
        assertEquals(EN, PageLanguage.choose(null, "zh;q=abc"), "a malformed q counts as 0");
        assertEquals(EN, PageLanguage.choose(null, "zh," + "x".repeat(PageLanguage.HEADER_MAX)), "too long");
    }

    @Test
    void theSwitchsCookieWinsOverTheHeader() {
        assertEquals(EN, PageLanguage.choose("en", "zh-CN"));
        assertEquals(ZH_CN, PageLanguage.choose("zh-CN", "en-US"));
        assertEquals(ZH_CN, PageLanguage.choose("zh-cn", null));
        assertEquals(ZH_CN, PageLanguage.choose("fr", "zh-CN"), "an unknown cookie value is ignored");
        assertEquals(EN, PageLanguage.choose("", "en"));
    }
}
