package org.switchboard.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Version 1 of the public and internal REST API. */
@ApplicationPath("api/v1")
public class Api extends Application {
}
