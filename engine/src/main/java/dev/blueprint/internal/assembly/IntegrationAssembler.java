package dev.blueprint.internal.assembly;

import dev.blueprint.internal.auth.ApiKeyAuthentication;
import dev.blueprint.internal.auth.Authenticator;
import dev.blueprint.internal.auth.BasicAuthentication;
import dev.blueprint.internal.auth.BearerAuthentication;
import dev.blueprint.internal.auth.CredentialValues;
import dev.blueprint.internal.auth.NoAuthentication;
import dev.blueprint.internal.auth.OAuthAuthentication;
import dev.blueprint.internal.auth.TokenSource;
import dev.blueprint.internal.http.ApiCaller;
import dev.blueprint.internal.http.HttpParts;
import dev.blueprint.internal.http.Pipeline;
import dev.blueprint.internal.http.RequestTemplate;
import dev.blueprint.internal.http.RetryRules;
import dev.blueprint.internal.http.TokenRequests;
import dev.blueprint.internal.oauth.AuthorizationCodeGrant;
import dev.blueprint.internal.oauth.AuthorizationFlow;
import dev.blueprint.internal.oauth.ClientCredentialsGrant;
import dev.blueprint.internal.oauth.IssuedTokens;
import dev.blueprint.internal.oauth.LearnedValues;
import dev.blueprint.internal.oauth.OAuthTokenSource;
import dev.blueprint.internal.oauth.RefreshTokenGrant;
import dev.blueprint.internal.oauth.TokenEndpoint;
import dev.blueprint.internal.ratelimit.Limiters;
import dev.blueprint.internal.ratelimit.RateLimitPolicy;
import dev.blueprint.internal.redact.Redactor;
import dev.blueprint.model.ApiKeyConfig;
import dev.blueprint.model.AuthConfig;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.IntegrationConfig;
import dev.blueprint.model.OAuth2Config;
import dev.blueprint.model.OAuthConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds each integration's parts once, giving every part exactly the values it uses: the request template, the
 * authenticator of its auth mode (and, for OAuth, the grants behind one token source), the rate-limit policy and
 * limiters, the retry rules, and the two pipelines (API calls, token requests). The only place that chooses by auth
 * mode; nothing here is consulted at request time.
 */
public final class IntegrationAssembler {
    private IntegrationAssembler() {
    }

    /** @param environmentSecrets values the request templates took from the environment, masked like secrets */
    public static IntegrationParts assemble(IntegrationConfig config, Set<String> environmentSecrets, EngineParts engine) {
        String name = config.name();
        Blueprint blueprint = config.blueprint();
        HttpParts http = new HttpParts(name, redactor(blueprint.auth()),
                new RateLimitPolicy(blueprint.rateLimit(), java.util.Set.copyOf(blueprint.retry().onStatus())),
                new Limiters(name, blueprint.rateLimit().budget(), engine.sharedLimits()),
                engine.httpClient(), engine.clock(), engine.scheduler(), engine.observer(), engine.interceptors());
        CredentialValues credentialValues = new CredentialValues(config.oauthClientId(), config.oauthClientSecret(), environmentSecrets);
        OAuth oauth = blueprint.auth() instanceof OAuthConfig oauthConfig
                ? oauth(config, oauthConfig, engine, Pipeline.tokenRequests(http, RetryRules.forTokenRequests(blueprint.retry()), blueprint.requests()))
                : OAuth.NONE;
        String tokenPrefix = blueprint.auth() instanceof OAuthConfig o ? o.client().accessTokenPrefix() : "Bearer ";
        Authenticator authenticator = oauth.tokens().<Authenticator>map(tokens -> new OAuthAuthentication(tokens, tokenPrefix))
                .orElseGet(() -> staticCredentials(name, blueprint.auth()));
        ApiCaller caller = Pipeline.apiCaller(http, RetryRules.forApi(blueprint.retry()), blueprint.requests(),
                new RequestTemplate(blueprint.requests(), blueprint.connectionConfig()), authenticator, credentialValues, engine.store(),
                blueprint.errors());
        Duration margin = blueprint.auth() instanceof OAuthConfig o ? o.refresh().margin() : Duration.ZERO;
        return new IntegrationParts(caller, oauth.authorization(), oauth.clientCredentials(), margin, engine.store(), engine.clock());
    }

    /** The OAuth parts of an integration, or none. */
    private record OAuth(Optional<TokenSource> tokens, Optional<AuthorizationFlow> authorization, Optional<OAuthTokenSource> clientCredentials) {
        static final OAuth NONE = new OAuth(Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static OAuth oauth(IntegrationConfig config, OAuthConfig oauth, EngineParts engine, TokenRequests tokenRequests) {
        String name = config.name();
        var fields = config.blueprint().connectionConfig();
        TokenEndpoint endpoint = new TokenEndpoint(name, oauth.client(), fields, config.oauthClientId(), config.oauthClientSecret(),
                tokenRequests::post, engine.observer());
        IssuedTokens issued = new IssuedTokens(engine.clock(), oauth.refresh());
        Duration margin = oauth.refresh().margin();
        if (oauth instanceof OAuth2Config authorizationCode) {
            TokenSource tokens = new OAuthTokenSource(name, oauth.mode(), engine.store(), engine.clock(), margin,
                    new RefreshTokenGrant(name, endpoint, issued, oauth.refresh(), engine.clock()), Optional.empty(), engine.renewals());
            AuthorizationFlow flow = new AuthorizationFlow(name, authorizationCode, fields, config.oauthClientId().orElse(""),
                    config.oauthScopes(), new AuthorizationCodeGrant(endpoint, issued), engine.store(), engine.clock());
            return new OAuth(Optional.of(tokens), Optional.of(flow), Optional.empty());
        }
        // Client credentials: the same grant buys the first token and every renewal.
        ClientCredentialsGrant grant = new ClientCredentialsGrant(endpoint, issued, config.oauthScopes(), oauth.scopeSeparator(),
                new LearnedValues(name, fields));
        OAuthTokenSource tokens = new OAuthTokenSource(name, oauth.mode(), engine.store(), engine.clock(), margin, grant, Optional.of(grant), engine.renewals());
        return new OAuth(Optional.of(tokens), Optional.empty(), Optional.of(tokens));
    }

    /** The authenticator of a mode whose credentials are stored as they are. */
    private static Authenticator staticCredentials(String integration, AuthConfig auth) {
        if (auth instanceof ApiKeyConfig key) {
            return new ApiKeyAuthentication(integration, key);
        }
        if (auth instanceof AuthConfig.Basic) {
            return new BasicAuthentication(integration);
        }
        if (auth instanceof AuthConfig.Bearer) {
            return new BearerAuthentication(integration);
        }
        return new NoAuthentication();
    }

    /** The blueprint's API key header or parameter is sensitive too. */
    private static Redactor redactor(AuthConfig auth) {
        if (auth instanceof ApiKeyConfig key) {
            return key.placement() == ApiKeyConfig.Placement.HEADER
                    ? new Redactor(List.of(key.name()), List.of())
                    : new Redactor(List.of(), List.of(key.name()));
        }
        return new Redactor(List.of(), List.of());
    }
}
