package dev.pnn.dsl;

public enum Severity {
    ERROR, WARNING;

    public String label() {
        return name().toLowerCase();
    }
}
