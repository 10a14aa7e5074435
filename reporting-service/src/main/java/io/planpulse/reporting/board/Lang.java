package io.planpulse.reporting.board;

import java.util.Locale;

/** The board's languages: Chinese by default, English on request. */
public enum Lang {
    ZH(Locale.CHINESE, "zh-CN"),
    EN(Locale.ENGLISH, "en");

    private final Locale locale;
    private final String tag;

    Lang(Locale locale, String tag) {
        this.locale = locale;
        this.tag = tag;
    }

    public Locale locale() {
        return locale;
    }

    /** The value of the page's {@code lang} attribute. */
    public String tag() {
        return tag;
    }

    /** The text in this language; the Chinese one where there is no English. */
    public String pick(String zh, String en) {
        return this == EN && en != null && !en.isBlank() ? en : zh;
    }

    /**
     * The language asked for: {@code zh} or {@code en} explicitly, else the first of the
     * Accept-Language header's languages that the board speaks, else Chinese.
     */
    public static Lang of(String requested, String acceptLanguage) {
        if (requested != null && !requested.isBlank()) {
            return requested.toLowerCase(Locale.ROOT).startsWith("en") ? EN : ZH;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String tag = range.getRange().toLowerCase(Locale.ROOT);
                    if (tag.startsWith("zh")) {
                        return ZH;
                    }
                    if (tag.startsWith("en")) {
                        return EN;
                    }
                }
            } catch (IllegalArgumentException e) {
                return ZH;
            }
        }
        return ZH;
    }
}
