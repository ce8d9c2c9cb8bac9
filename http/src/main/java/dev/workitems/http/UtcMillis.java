package dev.workitems.http;

import java.time.Instant;

/**
 * Writes an instant as the wire's time, {@code yyyy-MM-ddTHH:mm:ss.SSSZ} in UTC, straight into a char array: the same
 * text as {@link WireJson#TIME} for the years 1 to 9999, without a formatter's per-call work (a page of 250 items
 * writes 500 to 750 of them).
 */
final class UtcMillis {
    private static final long MS_PER_DAY = 86_400_000L;

    private UtcMillis() {}

    /**
     * @param t the instant
     * @param out at least 24 chars, filled from index 0
     * @return false, with {@code out} unspecified, if the year is outside 1..9999 (the caller formats it otherwise)
     */
    static boolean format(Instant t, char[] out) {
        long ms;
        try {
            ms = t.toEpochMilli(); // the fraction truncated to milliseconds, as the pattern's SSS prints it
        } catch (ArithmeticException e) {
            return false;
        }
        long days = Math.floorDiv(ms, MS_PER_DAY);
        int msOfDay = (int) Math.floorMod(ms, MS_PER_DAY);
        // Days to a proleptic Gregorian date (H. Hinnant's civil_from_days), with eras of 400 years.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 1 || year > 9_999) {
            return false;
        }
        digits(out, 0, (int) year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, msOfDay / 3_600_000, 2);
        out[13] = ':';
        digits(out, 14, msOfDay / 60_000 % 60, 2);
        out[16] = ':';
        digits(out, 17, msOfDay / 1_000 % 60, 2);
        out[19] = '.';
        digits(out, 20, msOfDay % 1_000, 3);
        out[23] = 'Z';
        return true;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
