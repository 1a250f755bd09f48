package dev.blueprint.internal.text;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;

/** "Did you mean" hints: the closest candidate by edit distance, or the list of what exists. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The candidate closest to {@code typed}, if it is close enough to be a plausible typo. */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        return candidates.stream()
                .min(Comparator.comparingInt((String c) -> distance(typed, c)).thenComparing(c -> c))
                .filter(best -> distance(typed, best) <= Math.max(2, typed.length() / 3));
    }

    /** {@code "; did you mean 'x'?"}, or {@code "; expected one of a, b"}, or empty when there are no candidates. */
    public static String hint(String typed, Collection<String> candidates) {
        if (candidates.isEmpty()) {
            return "";
        }
        return closest(typed, candidates)
                .map(best -> "; did you mean '" + best + "'?")
                .orElseGet(() -> "; expected one of " + candidates.stream().sorted().collect(Collectors.joining(", ")));
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    static int distance(String a, String b) {
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
