package io.planpulse.model.plan;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: {@code 2025} (year), {@code 2025-H1} (half), {@code 2025-Q3} (quarter) or
 * {@code 2025-07} (month). {@code number} counts the period within its year from 1.
 */
public record Period(Grain grain, int year, int number) implements Comparable<Period> {

    private static final Pattern FORMAT =
            Pattern.compile("([1-9]\\d{3})(?:-(?:H([12])|Q([1-4])|(0[1-9]|1[0-2])))?");

    public Period {
        if (grain == null) {
            throw new IllegalArgumentException("grain is required");
        }
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("year out of range: " + year);
        }
        if (number < 1 || number > grain.perYear()) {
            throw new IllegalArgumentException("no period " + number + " in a year of " + grain);
        }
    }

    /** Parses a period, or returns empty when the text is not one. */
    public static Optional<Period> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            return Optional.of(new Period(Grain.HALF, year, Integer.parseInt(m.group(2))));
        }
        if (m.group(3) != null) {
            return Optional.of(new Period(Grain.QUARTER, year, Integer.parseInt(m.group(3))));
        }
        if (m.group(4) != null) {
            return Optional.of(new Period(Grain.MONTH, year, Integer.parseInt(m.group(4))));
        }
        return Optional.of(new Period(Grain.YEAR, year, 1));
    }

    public static Period year(int year) {
        return new Period(Grain.YEAR, year, 1);
    }

    /** The period at index {@code idx} of a grain; the inverse of {@link #idx()}. */
    public static Period ofIdx(Grain grain, long idx) {
        int k = grain.perYear();
        return new Period(grain, (int) Math.floorDiv(idx, k), (int) Math.floorMod(idx, k) + 1);
    }

    /** idx(p): numbers the periods of one grain consecutively (month: 12·y + m − 1). */
    public long idx() {
        return (long) grain.perYear() * year + number - 1;
    }

    public boolean isYear() {
        return grain == Grain.YEAR;
    }

    /** The period {@code n} periods later (earlier for negative n), of the same grain. */
    public Period plus(long n) {
        return ofIdx(grain, idx() + n);
    }

    /** The same period a year earlier. */
    public Period yearEarlier() {
        return new Period(grain, year - 1, number);
    }

    /** A year-valued period as the first period of that year in a finer grain. */
    public Period firstIn(Grain target) {
        return resolve(target, false);
    }

    /** A year-valued period as the last period of that year in a finer grain. */
    public Period lastIn(Grain target) {
        return resolve(target, true);
    }

    private Period resolve(Grain target, boolean last) {
        if (grain == target) {
            return this;
        }
        if (!isYear()) {
            throw new IllegalArgumentException(this + " is not a year and not of grain " + target);
        }
        return new Period(target, year, last ? target.perYear() : 1);
    }

    /** The first day of the period. */
    public LocalDate start() {
        int monthsPerPeriod = 12 / grain.perYear();
        return LocalDate.of(year, (number - 1) * monthsPerPeriod + 1, 1);
    }

    /** The last day of the period. */
    public LocalDate end() {
        int monthsPerPeriod = 12 / grain.perYear();
        return YearMonth.of(year, number * monthsPerPeriod).atEndOfMonth();
    }

    /** Does this period lie within {@code outer} (a month within its quarter, the quarter within its year, itself)? */
    public boolean isWithin(Period outer) {
        return !start().isBefore(outer.start()) && !end().isAfter(outer.end());
    }

    @Override
    public int compareTo(Period other) {
        if (grain != other.grain) {
            throw new IllegalArgumentException("cannot compare " + this + " with " + other);
        }
        return Long.compare(idx(), other.idx());
    }

    @Override
    public String toString() {
        return switch (grain) {
            case YEAR -> Integer.toString(year);
            case HALF -> year + "-H" + number;
            case QUARTER -> year + "-Q" + number;
            case MONTH -> String.format("%d-%02d", year, number);
        };
    }
}
