package dev.blueprint.cli;

import dev.blueprint.BlueprintException;
import dev.blueprint.MissingCredentialsException;
import dev.blueprint.OAuthException;
import dev.blueprint.RateLimitExceededException;
import dev.blueprint.RequestFailedException;
import dev.blueprint.ResponseTooLargeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** What a user can do about an error, in commands they can type. */
final class Hints {
    private Hints() {
    }

    static Optional<String> forError(BlueprintException error) {
        if (error instanceof MissingCredentialsException missing) {
            return Optional.of("store its credentials: blueprint connect " + missing.integration() + " --connection "
                    + missing.connectionId() + " (blueprint connect --help says what each auth mode reads)");
        }
        if (error instanceof OAuthException oauth && oauth.code().equals("invalid_client")) {
            return Optional.of("check oauth_client_id and oauth_client_secret in the integrations file");
        }
        if (error instanceof RateLimitExceededException limited) {
            return Optional.of("try again after " + limited.resetAt() + ", or raise rate_limit.max_wait to wait that long");
        }
        if (error instanceof ResponseTooLargeException) {
            return Optional.of("raise requests.max_response_bytes in the integrations file if the API really answers this much");
        }
        if (error instanceof RequestFailedException failed && failed.code().equals("timeout")) {
            return Optional.of("the provider did not answer within requests.timeout; raise it in the integrations file, e.g. "
                    + "requests: {timeout: PT60S}");
        }
        return Optional.empty();
    }

    /** For an argument error: a connection value to pass on the command line, when one is missing. */
    static Optional<String> forArgument(Exception exception) {
        java.util.regex.Matcher missing = java.util.regex.Pattern.compile("needs connection_config\\.([a-z][a-z0-9_]*)")
                .matcher(String.valueOf(exception.getMessage()));
        return missing.find()
                ? Optional.of("pass it when connecting: blueprint connect NAME --config " + missing.group(1) + "=VALUE")
                : Optional.empty();
    }

    /**
     * Whether the exception's message is the engine's own words about a wrong argument or state (an absolute URL as
     * a path, a store without its key), fit to show as it is; anything else is a bug, shown as one.
     */
    static boolean saysWhatWentWrong(Exception exception) {
        return exception.getMessage() != null && !exception.getMessage().isBlank()
                && (exception instanceof IllegalArgumentException || exception instanceof IllegalStateException
                || exception instanceof UnsupportedOperationException || exception instanceof UncheckedIOException
                || exception instanceof IOException); // a file the user named: its path and what the system said
    }
}
