package invthink.registry;

/**
 * A schema registry refused a request or could not be reached.
 *
 * <p>Carries the HTTP status and the registry's own {@code error_code} (Confluent's codes, which
 * Apicurio and Redpanda mirror), so callers can branch on "subject not found" versus "schema not
 * found" without parsing messages. The registry's message is kept verbatim because it is the only
 * place that explains an incompatibility.
 */
public class SchemaRegistryException extends RuntimeException {

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int STORE_ERROR = 50001;
    /** Status used when no HTTP response was received at all. */
    public static final int NO_RESPONSE = -1;

    private final int httpStatus;
    private final int errorCode;
    private final String registryMessage;

    public SchemaRegistryException(int httpStatus, int errorCode, String registryMessage) {
        this(httpStatus, errorCode, registryMessage, null, null);
    }

    public SchemaRegistryException(int httpStatus, int errorCode, String registryMessage, String context,
            Throwable cause) {
        super(describe(httpStatus, errorCode, registryMessage, context), cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    private static String describe(int status, int code, String message, String context) {
        String kind = switch (code) {
            case SUBJECT_NOT_FOUND -> "subject not found";
            case VERSION_NOT_FOUND -> "version not found";
            case SCHEMA_NOT_FOUND -> "schema not found";
            case INCOMPATIBLE_SCHEMA -> "incompatible schema";
            case INVALID_SCHEMA -> "invalid schema";
            case INVALID_VERSION -> "invalid version";
            case INVALID_COMPATIBILITY_LEVEL -> "invalid compatibility level";
            default -> status == NO_RESPONSE ? "registry unreachable" : "registry error";
        };
        String where = context == null ? "" : " on " + context;
        return kind + " (HTTP " + status + ", error_code " + code + ")" + where + ": " + message;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    /** The registry's message as it sent it. */
    public String registryMessage() {
        return registryMessage;
    }

    public boolean isNotFound() {
        return httpStatus == 404;
    }

    public boolean isIncompatible() {
        return httpStatus == 409 || errorCode == INCOMPATIBLE_SCHEMA;
    }
}
