package dev.blueprint;

/**
 * The OAuth provider refused a request, or the authorization callback was invalid. {@link #code()} is the
 * OAuth error code ({@code invalid_grant}, {@code access_denied}, ...) or one of the engine's own
 * ({@code invalid_state}, {@code invalid_token_response}).
 */
public class OAuthException extends BlueprintException {
    private final String integration;
    private final String description;

    public OAuthException(String integration, String error, String description) {
        super(error, "integration '" + integration + "': " + (description == null || description.isBlank() ? error : description));
        this.integration = integration;
        this.description = description == null ? "" : description;
    }

    public String integration() {
        return integration;
    }

    /** The provider's error_description, or the engine's explanation; may be empty. */
    public String description() {
        return description;
    }
}
