package dev.trackwatch.evaluate;

import dev.trackwatch.config.Bounds;

/** Compares a value with static bounds and says which limit it crossed. */
public final class BoundsJudge {

    /** A verdict and its reason. */
    record Verdict(Outcome outcome, String reason) {
    }

    private BoundsJudge() {
    }

    static Verdict judge(double value, Bounds bounds, String what) {
        if (bounds.failMin() != null && value < bounds.failMin()) {
            return new Verdict(Outcome.FAILED, what + " " + fmt(value) + " is below the minimum " + fmt(bounds.failMin()));
        }
        if (bounds.failMax() != null && value > bounds.failMax()) {
            return new Verdict(Outcome.FAILED, what + " " + fmt(value) + " is above the maximum " + fmt(bounds.failMax()));
        }
        if (bounds.warnMin() != null && value < bounds.warnMin()) {
            return new Verdict(Outcome.WARN, what + " " + fmt(value) + " is below the warning level " + fmt(bounds.warnMin()));
        }
        if (bounds.warnMax() != null && value > bounds.warnMax()) {
            return new Verdict(Outcome.WARN, what + " " + fmt(value) + " is above the warning level " + fmt(bounds.warnMax()));
        }
        if (bounds.isEmpty()) {
            return new Verdict(Outcome.PASSED, what + " " + fmt(value) + " recorded (no static bounds)");
        }
        return new Verdict(Outcome.PASSED, what + " " + fmt(value) + " is within bounds");
    }

    /** Formats a value as messages print it: integers plainly, others to four significant digits. */
    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
