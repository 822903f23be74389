package dev.trackwatch.config;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean" for misspelt keys, names and columns: the closest candidate by edit distance,
 * when it is close enough to be a plausible typo rather than a different word.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * Returns the candidate closest to {@code input}, if within a typo's distance: at most one edit
     * for short words, up to a third of the word's length for long ones. Ties go to the candidate
     * that comes first, so suggestions are deterministic.
     */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        int limit = Math.max(1, Math.min(3, input.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(input)) {
                continue;
            }
            int distance = distance(input.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Returns {@code " (did you mean 'x'?)"} for the closest candidate, or an empty string. */
    public static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /**
     * Optimal string alignment distance: Levenshtein plus the transposition of two adjacent
     * characters as one edit, because swapped letters ({@code bukcet}) are the commonest typo.
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
