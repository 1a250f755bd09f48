package dev.blueprint.model;

import dev.blueprint.Secret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One integration of integrations.yaml after merge, environment resolution and validation.
 *
 * @param name              the key under {@code integrations:}
 * @param extendsBlueprint  the catalog blueprint it extends; empty for an inline blueprint
 * @param blueprint         the merged blueprint
 * @param oauthClientId     the OAuth client id, if any
 * @param oauthClientSecret the OAuth client secret, if any (masked in {@code toString()})
 * @param oauthScopes       scopes to request; the blueprint's default scopes when the integration names none
 */
public record IntegrationConfig(
        String name,
        Optional<BlueprintRef> extendsBlueprint,
        Blueprint blueprint,
        Optional<String> oauthClientId,
        Optional<Secret> oauthClientSecret,
        List<String> oauthScopes) {

    public IntegrationConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(extendsBlueprint, "extendsBlueprint");
        Objects.requireNonNull(blueprint, "blueprint");
        Objects.requireNonNull(oauthClientId, "oauthClientId");
        Objects.requireNonNull(oauthClientSecret, "oauthClientSecret");
        oauthScopes = List.copyOf(oauthScopes);
    }
}
