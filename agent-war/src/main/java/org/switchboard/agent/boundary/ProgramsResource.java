package org.switchboard.agent.boundary;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import org.switchboard.protocol.LaunchInstruction;
import org.switchboard.protocol.LaunchNotification;

/** The master's orders: launch a program for a session, list the running programs, stop one. */
@Path("programs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProgramsResource {

    @Inject
    Agent agent;

    @POST
    public Response launch(LaunchInstruction instruction, @Context UriInfo uri) {
        LaunchNotification launched = agent.launch(instruction);
        return Response.created(uri.getAbsolutePathBuilder().path(launched.session()).build()).entity(launched).build();
    }

    @GET
    public List<ProgramListing> programs() {
        return agent.programs().stream().map(ProgramListing::of).toList();
    }

    @DELETE
    @Path("{session}")
    public void stop(@PathParam("session") String session) {
        if (!agent.stop(session)) {
            throw new NotFoundException("no program runs for session " + session);
        }
    }
}
