package dev.blueprint.spring;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.BlueprintException;
import dev.blueprint.UnknownIntegrationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Completes authorization code flows: the provider redirects the user's browser to
 * {@code {blueprint.callback.path}/{integration}?code=...&state=...}. The page says whether the code was exchanged and
 * the tokens stored; a mismatched state, a repeated parameter or a refused code is a 400 that says why (messages never
 * carry secrets). Registered only with {@code blueprint.callback.enabled=true}.
 */
@RestController
public class OAuthCallbackController {
    private final BlueprintEngine engine;

    public OAuthCallbackController(BlueprintEngine engine) {
        this.engine = engine;
    }

    @GetMapping(path = "${blueprint.callback.path:" + BlueprintProperties.Callback.DEFAULT_PATH + "}/{integration}",
            produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> callback(@PathVariable("integration") String integration,
                                           @RequestParam MultiValueMap<String, String> parameters) {
        Map<String, String> single = new HashMap<>();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (parameter.getValue().size() != 1) {
                return ResponseEntity.badRequest().body("Authorization failed: the callback repeats a parameter, which OAuth forbids.\n");
            }
            single.put(parameter.getKey(), parameter.getValue().get(0));
        }
        try {
            String connection = engine.integration(integration).completeAuthorization(single);
            return ResponseEntity.ok("Connected " + integration + "/" + connection + ". You can close this tab.\n");
        } catch (UnknownIntegrationException e) {
            return ResponseEntity.notFound().build();
        } catch (BlueprintException | IllegalArgumentException | IllegalStateException e) {
            return ResponseEntity.badRequest().body("Authorization failed: " + e.getMessage() + "\n");
        }
    }
}
