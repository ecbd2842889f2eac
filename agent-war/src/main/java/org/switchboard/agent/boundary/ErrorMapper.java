package org.switchboard.agent.boundary;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.switchboard.agent.control.LaunchException;

/** Every failure becomes a JSON {@link ErrorMessage} with a fitting status; no stack trace leaves the agent. */
@Provider
public class ErrorMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    @Override
    public Response toResponse(Exception exception) {
        if (exception instanceof EJBException && exception.getCause() instanceof Exception cause) {
            return toResponse(cause);
        }
        if (exception instanceof LaunchException launch) {
            return answer(status(launch), launch.problem().code(), launch.getMessage());
        }
        if (exception instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return answer(status, status == 404 ? "not-found" : "request-failed", web.getMessage());
        }
        if (exception instanceof JsonbException || exception instanceof ProcessingException) {
            return answer(400, "malformed-request", "the body is not the expected JSON");
        }
        LOG.log(Level.SEVERE, "unexpected failure", exception);
        return answer(500, "internal-error", "the agent failed unexpectedly; see its log");
    }

    private static int status(LaunchException launch) {
        return switch (launch.problem()) {
            case INVALID_INSTRUCTION, UNKNOWN_APPLICATION -> 400;
            case DUPLICATE_SESSION, STOPPED_WHILE_STARTING -> 409;
            case START_FAILED, EXITED_BEFORE_READY -> 502;
            case NOT_READY, LAUNCH_DEADLINE_PASSED -> 504;
            case TOO_MANY_INSTANCES, AGENT_STOPPING -> 503;
        };
    }

    private static Response answer(int status, String error, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorMessage(error, reason)).build();
    }
}
