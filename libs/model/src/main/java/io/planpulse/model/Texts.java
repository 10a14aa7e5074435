package io.planpulse.model;

/** What every service accepts as free text written by a person: anything but control characters. */
public final class Texts {

    private Texts() {
    }

    /** Does this text hold a control character other than a tab or a line break? */
    public static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r');
    }
}
