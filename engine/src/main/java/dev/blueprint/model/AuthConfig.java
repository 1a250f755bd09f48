package dev.blueprint.model;

/** How an API authenticates requests; one variant per {@code auth.mode}. */
public sealed interface AuthConfig
        permits OAuthConfig, ApiKeyConfig, AuthConfig.Basic, AuthConfig.Bearer, AuthConfig.None {

    /** The {@code auth.mode} value of this variant. */
    String mode();

    /** HTTP basic: a username and password stored per connection. */
    record Basic() implements AuthConfig {
        @Override
        public String mode() {
            return "basic";
        }
    }

    /** A static bearer token stored per connection. */
    record Bearer() implements AuthConfig {
        @Override
        public String mode() {
            return "bearer";
        }
    }

    /** No authentication. */
    record None() implements AuthConfig {
        @Override
        public String mode() {
            return "none";
        }
    }
}
