package org.switchboard.protocol.http;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.protocol.ErrorBody;
import org.switchboard.protocol.Refusal;

/**
 * How every Switchboard REST API answers errors: a {@link Refusal} with its status and {@link ErrorBody}, a malformed
 * request with 400, anything unexpected with 500 and a line in the log; never a stack trace. Registered by the
 * master's and the slave's JAX-RS applications (it is not a scanned @Provider: an agent WAR carries this jar
 * too and maps its own errors), so clients see the same answers from either.
 */
public class ErrorAnswers implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorAnswers.class.getName());
    /** Seconds a client should wait before asking again when nothing could serve it. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(Throwable thrown) {
        if (thrown instanceof Refusal refusal) {
            Response.ResponseBuilder response = Response.status(refusal.status()).type(MediaType.APPLICATION_JSON)
                    .entity(refusal.body());
            return refusal.status() == 503 ? response.header("Retry-After", RETRY_AFTER_SECONDS).build()
                    : response.build();
        }
        if (thrown instanceof JsonbException || thrown instanceof ProcessingException
                || thrown instanceof WebApplicationException web && web.getResponse().getStatus() == 400) {
            return error(400, "malformed-request",
                    "the request is not what this resource takes: a JSON body with the documented fields is required");
        }
        if (thrown instanceof WebApplicationException web) {
            return error(web.getResponse().getStatus(), "http-" + web.getResponse().getStatus(), web.getMessage());
        }
        LOG.log(Level.SEVERE, "unexpected failure", thrown);
        return error(500, "internal-error", "an unexpected error occurred; see the log");
    }

    public static Response error(int status, String error, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ErrorBody.of(error, reason)).build();
    }
}
