package dev.blueprint.internal.auth;

import dev.blueprint.Secret;
import java.util.Objects;
import java.util.Optional;

/** A credential as it goes on one request: a header, a query parameter, or nothing. Never printed. */
public sealed interface AppliedCredential {
    /** The access token sent, when a 401 may be answered by refreshing it. */
    default Optional<Secret> refreshableToken() {
        return Optional.empty();
    }

    /** A header such as {@code Authorization: Bearer …}. */
    record Header(String name, String value, Optional<Secret> refreshableToken) implements AppliedCredential {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(refreshableToken, "refreshableToken");
        }

        @Override
        public String toString() {
            return "Header[" + name + "]";
        }
    }

    /** A query parameter such as {@code ?key=…}. */
    record QueryParameter(String name, String value) implements AppliedCredential {
        public QueryParameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "QueryParameter[" + name + "]";
        }
    }

    /** Nothing to add. */
    record None() implements AppliedCredential {
    }
}
