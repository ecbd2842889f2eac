package org.switchboard.web;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.master.control.InvalidRequest;
import org.switchboard.master.control.LaunchFailed;
import org.switchboard.master.control.NoServerAvailable;
import org.switchboard.master.control.AccessRefused;
import org.switchboard.master.control.UnknownApplication;
import org.switchboard.master.control.UnknownSession;

/** Maps the master's exceptions, and anything unexpected, to a status code and an {@link ErrorBody}; never a trace. */
@Provider
public class Errors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(Errors.class.getName());
    /** Seconds a client should wait before asking again when nothing could serve it. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(Throwable thrown) {
        if (thrown instanceof NoServerAvailable none) {
            return Response.status(Status.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS)
                    .type(MediaType.APPLICATION_JSON).entity(new ErrorBody("no-capacity", none.getMessage(),
                            none.exclusions().stream()
                                    .map(candidate -> new ErrorBody.ServerReason(candidate.server(),
                                            candidate.excluded()))
                                    .toList()))
                    .build();
        }
        if (thrown instanceof InvalidRequest) {
            return error(Status.BAD_REQUEST, "invalid-request", thrown.getMessage());
        }
        if (thrown instanceof UnknownApplication) {
            return error(Status.BAD_REQUEST, "unknown-application", thrown.getMessage());
        }
        if (thrown instanceof UnknownSession) {
            return error(Status.NOT_FOUND, "unknown-session", thrown.getMessage());
        }
        if (thrown instanceof AccessRefused) {
            return error(Status.FORBIDDEN, "access-refused", thrown.getMessage());
        }
        if (thrown instanceof LaunchFailed) {
            return error(Status.BAD_GATEWAY, "launch-failed", thrown.getMessage());
        }
        if (thrown instanceof JsonbException || thrown instanceof ProcessingException) {
            return error(Status.BAD_REQUEST, "malformed-request", "the body is not the JSON this resource takes");
        }
        if (thrown instanceof WebApplicationException web && web.getResponse().getStatus() == 400) {
            return error(Status.BAD_REQUEST, "malformed-request", "the request is not what this resource takes: "
                    + "a JSON body with the documented fields is required");
        }
        if (thrown instanceof WebApplicationException web) {
            Response response = web.getResponse();
            return Response.status(response.getStatus()).type(MediaType.APPLICATION_JSON)
                    .entity(new ErrorBody("http-" + response.getStatus(), web.getMessage())).build();
        }
        LOG.log(Level.SEVERE, "unexpected failure", thrown);
        return error(Status.INTERNAL_SERVER_ERROR, "internal-error", "an unexpected error occurred; see the log");
    }

    public static Response error(Status status, String error, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(error, reason)).build();
    }
}
