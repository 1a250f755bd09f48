package dev.blueprint.model;

/** How the client authenticates at the token endpoint (RFC 6749 §2.3.1). */
public enum TokenRequestAuth {
    /** {@code client_id} and {@code client_secret} in the request body. */
    CLIENT_SECRET_POST,
    /** HTTP basic authentication with the client id and secret. */
    CLIENT_SECRET_BASIC
}
