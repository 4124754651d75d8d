package dev.pnn.compiler;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean": the closest candidate by optimal-string-alignment (Damerau) distance, if close enough. */
final class Suggestions {
    private Suggestions() {
    }

    static Optional<String> closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.equals(name)) continue;
            int d = c.equalsIgnoreCase(name) ? 0 : distance(name.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best == null) return Optional.empty();
        int allowed = Math.max(1, Math.min(name.length(), best.length()) / 3);
        boolean prefix = name.length() >= 3 && best.startsWith(name);
        return bestDistance <= allowed || prefix ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean `x`?)" or "". */
    static String didYouMean(String name, Collection<String> candidates) {
        return closest(name, candidates).map(s -> "did you mean `" + s + "`?").orElse("");
    }

    static int distance(String a, String b) {
        int n = a.length(), m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
