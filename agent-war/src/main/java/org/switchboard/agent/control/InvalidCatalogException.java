package org.switchboard.agent.control;

/** A catalog that cannot be used; the agent refuses to start with it. */
public class InvalidCatalogException extends RuntimeException {

    public InvalidCatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidCatalogException(String message) {
        super(message);
    }
}
