package org.switchboard.agent.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the agent has its catalog: then it can take launch instructions. */
@Readiness
@ApplicationScoped
public class CatalogReadiness implements HealthCheck {

    @Inject
    Agent agent;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("agent-catalog")
                .status(agent.catalog() != null)
                .withData("applications", String.join(",", agent.catalog().names()))
                .build();
    }
}
