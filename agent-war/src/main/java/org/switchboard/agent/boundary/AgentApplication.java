package org.switchboard.agent.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The agent's REST API, under {@code /agent/api}. */
@ApplicationPath("api")
public class AgentApplication extends Application {
}
