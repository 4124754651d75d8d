package dev.pnn.dsl;

/**
 * Stable diagnostic codes. Numbers never change meaning once released; new checks get new numbers.
 * Groups: E00xx internal, E01xx input and syntax, E02xx names and structure, E03xx shapes and domains,
 * E04xx capabilities, E05xx arguments and units, E06xx plans and profiles; W codes are warnings, grouped alike.
 */
public enum DiagnosticCode {
    INTERNAL_ERROR(1, "internal compiler error"),
    PLUGIN_FAILURE(2, "a plugin failed while being consulted"),

    UNREADABLE_FILE(101, "file cannot be read"),
    INVALID_ENCODING(102, "file is not UTF-8 text"),
    EMPTY_FILE(103, "file is empty"),
    UNEXPECTED_TOKEN(104, "syntax error"),
    INVALID_CHARACTER(105, "invalid character"),
    UNTERMINATED_STRING(106, "unterminated string"),
    UNTERMINATED_COMMENT(107, "unterminated block comment"),
    INVALID_LITERAL(108, "invalid literal"),
    TOO_MANY_ERRORS(109, "too many errors"),
    NESTING_TOO_DEEP(110, "expression nested too deeply"),

    UNKNOWN_NAME(201, "unknown name"),
    DUPLICATE_DEFINITION(202, "duplicate definition"),
    UNKNOWN_ARGUMENT(203, "unknown argument"),
    UNKNOWN_SETTING(204, "unknown hardware setting"),
    UNKNOWN_PLAN_KEY(205, "unknown training-plan key"),
    MODULE_NOT_USED(206, "block from a module that is not used"),
    UNKNOWN_MODULE(207, "unknown module"),
    WRONG_KIND_OF_NAME(208, "name of the wrong kind"),
    CYCLE(209, "cyclic network"),
    MISSING_OUTPUT(210, "network without output"),
    MULTIPLE_OUTPUTS(211, "network with several outputs"),
    MODULE_HAS_ERRORS(212, "used module does not compile"),

    SHAPE_MISMATCH(301, "shape mismatch"),
    DOMAIN_CROSSING(302, "domain crossing without a physical block"),
    UNKNOWN_DOMAIN(303, "unknown domain"),
    INVALID_WIDTH(304, "invalid width"),
    SIGNAL_EXPECTED(305, "signal input expected"),
    BLOCK_CALL_EXPECTED(306, "block call expected"),

    CAPABILITY_MISMATCH(401, "trainer needs a capability the backend lacks"),
    BLOCK_NOT_SUPPORTED(402, "backend cannot run a block"),
    NOISE_ROLE_MISMATCH(403, "noise model does not fit the setting"),
    NOISE_NOT_SUPPORTED(404, "backend cannot sample noisy devices"),

    UNIT_MISMATCH(501, "unit mismatch"),
    UNKNOWN_UNIT(502, "unknown unit"),
    MISSING_ARGUMENT(503, "missing required argument"),
    WRONG_ARGUMENT_KIND(504, "argument of the wrong kind"),
    INVALID_CHOICE(505, "value not among the choices"),
    TOO_MANY_ARGUMENTS(506, "too many positional arguments"),
    INVALID_ARGUMENT_VALUE(507, "invalid argument value"),

    MISSING_PLAN_ENTRY(601, "missing training-plan entry"),
    INVALID_PLAN_ENTRY(602, "invalid training-plan entry"),
    NOISE_EXPRESSION_EXPECTED(603, "noise models expected"),

    /** Warnings (W codes) never fail a compilation. */
    UNUSED_SIGNAL(Severity.WARNING, 201, "signal computed but never used");

    private final Severity severity;
    private final int number;
    private final String title;

    DiagnosticCode(int number, String title) {
        this(Severity.ERROR, number, title);
    }

    DiagnosticCode(Severity severity, int number, String title) {
        this.severity = severity;
        this.number = number;
        this.title = title;
    }

    /** {@code PNN-E0401}, or {@code PNN-W0201} for a warning. */
    public String id() {
        return String.format("PNN-%s%04d", severity == Severity.ERROR ? "E" : "W", number);
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    @Override
    public String toString() {
        return id();
    }
}
