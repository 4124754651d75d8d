package dev.pnn.runtime;

/** Short, user-facing descriptions of what a plugin threw (the root cause, not a stack trace). */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable t) {
        Throwable root = t;
        StringBuilder chain = new StringBuilder();
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        chain.append(root.getClass().getSimpleName());
        if (root.getMessage() != null) chain.append(": ").append(firstLine(root.getMessage()));
        if (root != t && t.getMessage() != null) chain.append(" (").append(firstLine(t.getMessage())).append(')');
        return chain.toString();
    }

    static boolean isMissingClass(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause())
            if (c instanceof ClassNotFoundException || c instanceof NoClassDefFoundError) return true;
        // ServiceLoader reports a listed provider class that is absent without a cause: "Provider X not found"
        if (t instanceof java.util.ServiceConfigurationError && t.getCause() == null && t.getMessage() != null
            && t.getMessage().endsWith(" not found")) return true;
        return false;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
