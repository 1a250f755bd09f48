package dev.blueprint.internal.http;

import dev.blueprint.RequestContext;
import dev.blueprint.internal.redact.Redactor;
import dev.blueprint.model.ErrorBodyConfig;
import java.util.Optional;

/** How errors and log lines name a call of one integration: its connection, method and redacted URL. */
final class Calls {
    private final String integration;
    private final Redactor redactor;
    private final Optional<ErrorBodyConfig> errors;

    Calls(String integration, Redactor redactor) {
        this(integration, redactor, Optional.empty());
    }

    Calls(String integration, Redactor redactor, Optional<ErrorBodyConfig> errors) {
        this.integration = integration;
        this.redactor = redactor;
        this.errors = errors;
    }

    /** Where the API's error bodies say what went wrong, if the blueprint says. */
    Optional<ErrorBodyConfig> errors() {
        return errors;
    }

    String integration() {
        return integration;
    }

    Redactor redactor() {
        return redactor;
    }

    /** How errors name the call: secret parameters masked by name, and any secret value the URL carries. */
    RequestContext context(Call<?> call, Exchange exchange) {
        String url = exchange.uri() == null ? "(not rendered)" : url(call, exchange);
        return new RequestContext(integration, call.connectionId(), exchange.method(), url);
    }

    String url(Call<?> call, Exchange exchange) {
        return Redactor.secrets(redactor.url(exchange.uri()), call.secrets());
    }
}
