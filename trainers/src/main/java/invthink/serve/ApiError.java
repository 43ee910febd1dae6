package invthink.serve;

/** A request the API refuses, with the HTTP status and OpenAI error type to answer with. */
final class ApiError extends RuntimeException {

    final int status;
    final String type;

    ApiError(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "invalid_request_error", message);
    }

    /** The server is shutting down: retryable elsewhere, and no fault of the request. */
    static ApiError unavailable(String message) {
        return new ApiError(503, "server_unavailable", message);
    }
}
