package dev.blueprint.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the API's error responses say what went wrong, as JSON pointers (RFC 6901) into the body; read into
 * {@link dev.blueprint.ApiException#providerMessage()} and {@link dev.blueprint.ApiException#providerCode()}.
 *
 * @param message the human message ({@code /errors/0/detail}, {@code /error/message})
 * @param code    the machine code ({@code /errors/0/code}, {@code /error/type})
 */
public record ErrorBodyConfig(Optional<String> message, Optional<String> code) {
    public ErrorBodyConfig {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(code, "code");
    }
}
