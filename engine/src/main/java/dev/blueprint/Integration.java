package dev.blueprint;

import dev.blueprint.internal.assembly.IntegrationParts;
import dev.blueprint.internal.config.ProvenanceWriter;
import dev.blueprint.internal.config.ResolvedIntegration;
import dev.blueprint.internal.oauth.AuthorizationFlow;
import dev.blueprint.internal.url.ConnectionValues;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.IntegrationConfig;
import dev.blueprint.spi.StoredConnection;
import java.net.URI;
import java.util.Map;

/**
 * One integration of integrations.yaml: a blueprint merged with the integrator's overrides and secrets,
 * validated. Obtained from {@link BlueprintEngine#integration(String)}; immutable and thread-safe.
 */
public final class Integration {
    private final ResolvedIntegration resolved;
    private final IntegrationParts parts;

    Integration(ResolvedIntegration resolved, IntegrationParts parts) {
        this.resolved = resolved;
        this.parts = parts;
    }

    /**
     * A client calling this integration's API for {@code connectionId}. Credentials are read from the engine's
     * credential store at each call; an integration with {@code auth.mode: none} needs none.
     */
    public ApiClient client(String connectionId) {
        return new ApiClient(name(), parts.caller(), requireId(connectionId), blueprint().pagination());
    }

    /** Stores credentials for a connection that needs no connection_config values. */
    public void saveCredentials(String connectionId, Credentials credentials) {
        saveCredentials(connectionId, credentials, Map.of());
    }

    /**
     * Stores credentials and connection_config values (e.g. a subdomain) for a connection.
     *
     * @throws IllegalArgumentException naming a field the blueprint does not declare, or whose value does not
     *                                  match the field's pattern
     */
    public void saveCredentials(String connectionId, Credentials credentials, Map<String, String> connectionConfig) {
        ConnectionValues.checkGiven(name(), blueprint().connectionConfig(), connectionConfig);
        parts.store().save(new StoredConnection(name(), requireId(connectionId), connectionConfig, credentials));
    }

    /**
     * Starts the authorization code flow for a connection: send the user to the returned URL. The provider
     * redirects to {@code redirectUri} with a code and the state, which {@link #completeAuthorization(Map)} checks.
     *
     * @throws IllegalStateException when the integration's auth mode is not {@code oauth2}
     */
    public AuthorizationRequest startAuthorization(String connectionId, URI redirectUri) {
        return startAuthorization(connectionId, redirectUri, Map.of());
    }

    /** Like {@link #startAuthorization(String, URI)}, with connection_config values stored once authorized. */
    public AuthorizationRequest startAuthorization(String connectionId, URI redirectUri, Map<String, String> connectionConfig) {
        return authorizationFlow().start(requireId(connectionId), redirectUri, connectionConfig);
    }

    /**
     * Completes the flow from the callback's query parameters ({@code code}, {@code state}, or {@code error}):
     * checks the state once, exchanges the code and stores the tokens.
     *
     * @return the connection id the authorization was started for
     * @throws OAuthException for a mismatched, replayed or expired state ({@code invalid_state}), a provider error
     *                        ({@code access_denied}, ...) or a refused code exchange
     */
    public String completeAuthorization(Map<String, String> callbackParameters) {
        return authorizationFlow().complete(callbackParameters);
    }

    /**
     * Completes the flow from the callback URL as the provider redirected to it (only its query is read):
     * {@code completeAuthorization(URI.create(request.getRequestURL() + "?" + request.getQueryString()))}.
     *
     * @throws IllegalArgumentException for a malformed query or a repeated parameter, before anything is exchanged
     * @throws OAuthException           as {@link #completeAuthorization(Map)}
     */
    public String completeAuthorization(URI callbackUri) {
        return completeAuthorization(CallbackParameters.parse(callbackUri));
    }

    /**
     * Fetches a client-credentials token for {@code connectionId} now (calls do it on first use anyway, for
     * blueprints whose token URL needs no connection_config values).
     *
     * @throws IllegalStateException when the auth mode is not {@code oauth2_client_credentials}
     */
    public void connectClientCredentials(String connectionId) {
        connectClientCredentials(connectionId, Map.of());
    }

    /**
     * Connects a client-credentials connection with connection_config values (an Auth0 tenant, say) and fetches its
     * token, unless it is stored with the same values and a token that is still good. Concurrent callers, in this
     * process or others sharing the store, cause one token request.
     *
     * @throws IllegalStateException    when the auth mode is not {@code oauth2_client_credentials}
     * @throws IllegalArgumentException naming a field that is not declared, missing, or does not match its pattern
     */
    public void connectClientCredentials(String connectionId, Map<String, String> connectionConfig) {
        ConnectionValues.checkGiven(name(), blueprint().connectionConfig(), connectionConfig);
        parts.clientCredentials()
                .orElseThrow(() -> new IllegalStateException("integration '" + name() + "' uses auth mode " + blueprint().auth().mode()))
                .connect(requireId(connectionId), connectionConfig);
    }

    /** Every stored connection of this integration with its status, ordered by id. */
    public java.util.List<ConnectionStatus> connections() {
        java.time.Instant now = parts.clock().instant();
        java.time.Duration margin = parts.refreshMargin();
        return parts.store().list(name()).stream().map(connection -> {
            java.util.Optional<Credentials.OAuth2Tokens> oauth = connection.credentials() instanceof Credentials.OAuth2Tokens tokens
                    ? java.util.Optional.of(tokens) : java.util.Optional.empty();
            java.util.Optional<java.time.Instant> expiresAt = oauth.flatMap(Credentials.OAuth2Tokens::expiresAt);
            ConnectionStatus.State state = connection.reauthorizationReason().isPresent()
                    ? ConnectionStatus.State.NEEDS_REAUTHORIZATION
                    : oauth.flatMap(tokens -> tokens.renewalDueAt(margin)).filter(due -> !now.isBefore(due)).isPresent()
                    ? ConnectionStatus.State.EXPIRES_SOON : ConnectionStatus.State.OK;
            return new ConnectionStatus(connection.connectionId(), state, expiresAt, connection.reauthorizationReason(), connection.config());
        }).toList();
    }

    private AuthorizationFlow authorizationFlow() {
        return parts.authorization().orElseThrow(() -> new IllegalStateException("integration '" + name()
                + "' uses auth mode " + blueprint().auth().mode() + "; the authorization code flow needs oauth2"));
    }

    private static String requireId(String connectionId) {
        if (connectionId == null || connectionId.isBlank()) {
            throw new IllegalArgumentException("connectionId must not be blank");
        }
        return connectionId;
    }

    /** What this integration's configuration does that is allowed but worth knowing; see {@link BlueprintEngine#warnings()}. */
    public java.util.List<ConfigProblem> warnings() {
        return resolved.warnings();
    }

    /** The integration's name, the key under {@code integrations:}. */
    public String name() {
        return resolved.config().name();
    }

    /** The merged, validated configuration. */
    public IntegrationConfig config() {
        return resolved.config();
    }

    /** Shortcut for {@code config().blueprint()}. */
    public Blueprint blueprint() {
        return resolved.config().blueprint();
    }

    /**
     * The merged integration as YAML with a comment per value naming where it came from (blueprint,
     * override, or environment variable). Secrets and environment values are masked.
     */
    public String describe() {
        String header = "# integration " + name()
                + config().extendsBlueprint().map(ref -> ": " + ref + " from " + resolved.blueprintFile()).orElse(": inline blueprint")
                + "\n";
        return header + ProvenanceWriter.write(resolved.merged());
    }

    @Override
    public String toString() {
        return "Integration[" + name() + config().extendsBlueprint().map(r -> " extends " + r).orElse("") + "]";
    }
}
