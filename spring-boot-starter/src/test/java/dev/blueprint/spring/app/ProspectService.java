package dev.blueprint.spring.app;

// docs:start spring-service
import dev.blueprint.spring.ApiClients;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** A Spring service calling Outreach for one customer through the starter's ApiClients. */
@Service
public class ProspectService {
    public record Prospect(String id, Map<String, Object> attributes) {
    }

    private final ApiClients clients;

    public ProspectService(ApiClients clients) {
        this.clients = clients;
    }

    public List<Prospect> prospects(String customerId) {
        return clients.client("outreach", customerId).items("/prospects", Prospect.class).toList();
    }
}
// docs:end spring-service
