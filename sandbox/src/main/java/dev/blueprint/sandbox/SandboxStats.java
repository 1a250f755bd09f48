package dev.blueprint.sandbox;

/**
 * What a sandbox has served so far.
 *
 * @param apiRequests          API requests received, throttled and faulted ones included
 * @param throttled            429 responses sent
 * @param authorizationCodes   codes issued by the authorize endpoint
 * @param codeExchanges        successful authorization_code grants
 * @param refreshes            successful refresh_token grants
 * @param clientCredentials    successful client_credentials grants
 * @param refusedTokenRequests token requests answered with an OAuth error
 * @param faults               requests answered with an injected fault
 */
public record SandboxStats(int apiRequests, int throttled, int authorizationCodes, int codeExchanges, int refreshes,
                           int clientCredentials, int refusedTokenRequests, int faults) {
}
